using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Tests.Sla;

/// <summary>The queue's SLA state of a case in memory, in a query filter and in a query's grouping: one rule, three forms.</summary>
public class CaseSlaStateTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default; // Moderate: first response 8 h, at risk at 6.4 h

    public static TheoryData<string, double> CasesAndMoments()
    {
        var data = new TheoryData<string, double>();
        foreach (var name in Cases.Keys)
        {
            foreach (var hours in new[] { 0, 6.5, 9, 200 })
            {
                data.Add(name, hours);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<RecoveryCase>> Cases = new()
    {
        ["logged"] = () => Recomputed(CaseBuilder.At(Stage.Logged)),
        ["waiting from the first hour"] = () =>
        {
            var c = CaseBuilder.At(Stage.Apologized);
            c.WaitForCustomer("Photos of the damage", Clock.As(People.Ana, Clock.Now.AddHours(1)));
            return Recomputed(c);
        },
        ["waiting after its deadline"] = () =>
        {
            var c = CaseBuilder.At(Stage.Logged);
            c.WaitForCustomer("Booking number", Clock.As(People.Ana, c.OpenedAt.AddHours(9)));
            return Recomputed(c);
        },
        ["fixed"] = () => Recomputed(CaseBuilder.At(Stage.Fixed)),
    };

    [Theory]
    [MemberData(nameof(CasesAndMoments))]
    public void The_state_in_memory_the_filter_and_the_grouping_agree(string name, double hoursAfterOpening)
    {
        var c = Cases[name]();
        var now = c.OpenedAt.AddHours(hoursAfterOpening);

        var state = CaseSlaState.At(c.SlaDueAt, c.SlaAtRiskAt, c.WaitingSince, now);

        Assert.Equal(state, CaseSlaState.Of(now).Compile()(c));
        foreach (var candidate in Enum.GetValues<SlaState>())
        {
            Assert.Equal(candidate == state, CaseSlaState.Is(candidate, now).Compile()(c));
        }
    }

    [Fact]
    public void The_cases_above_cover_every_state_and_a_breach_shows_while_waiting()
    {
        var seen = new HashSet<SlaState>();
        foreach (var (name, make) in Cases)
        {
            var c = make();
            foreach (var hours in new[] { 0, 6.5, 9, 200 })
            {
                seen.Add(CaseSlaState.At(c.SlaDueAt, c.SlaAtRiskAt, c.WaitingSince, c.OpenedAt.AddHours(hours)));
            }
        }

        Assert.Equal(Enum.GetValues<SlaState>().ToHashSet(), seen);
        var late = Cases["waiting after its deadline"]();
        Assert.Equal(SlaState.Breached, CaseSlaState.At(late.SlaDueAt, late.SlaAtRiskAt, late.WaitingSince, late.OpenedAt.AddHours(10)));
    }

    private static RecoveryCase Recomputed(RecoveryCase c)
    {
        c.RecomputeSla(Policy);
        return c;
    }
}
