using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Web.Infrastructure.Web;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Forms;

/// <summary>The URLs written as constants (Routes) are the ones the pages' own routes generate.</summary>
public sealed class RoutesTests(WebFixture fixture) : WebTest(fixture)
{
    public static TheoryData<string, string> Pages => new()
    {
        { Routes.Home, "/Home/Index" },
        { Routes.NewCase, "/Cases/New" },
        { Routes.MyCases, "/Cases/Mine" },
        { Routes.Queue, "/Queue/Index" },
        { Routes.Approvals, "/Approvals/Index" },
        { Routes.Compensation, "/Compensation/Index" },
        { Routes.Insights, "/Insights/Index" },
        { Routes.Users, "/Admin/Users/Index" },
        { Routes.NewUser, "/Admin/Users/Create" },
        { Routes.Categories, "/Admin/Lists/Categories" },
        { Routes.Coaching, "/Admin/Lists/Coaching" },
        { Routes.Guidance, "/Admin/Lists/Guidance" },
        { Routes.Sla, "/Admin/Lists/Sla" },
        { Routes.Password, "/Account/Password" },
    };

    private LinkGenerator Links => Fixture.Services.GetRequiredService<LinkGenerator>();

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_constant_route_is_the_pages_own(string url, string page) =>
        Assert.Equal(Links.GetPathByPage(page), url);

    // Routing matches paths case-insensitively; link generation would lowercase the reference (see Routes).
    [Theory]
    [InlineData(null, "/Cases/Details")]
    [InlineData("apologize", "/Cases/Apologize")]
    [InlineData("follow-up/outcome", "/Cases/FollowUpOutcome")]
    [InlineData("decide", "/Approvals/Decide")]
    public void A_case_route_is_the_pages_own(string? step, string page) =>
        Assert.Equal(Links.GetPathByPage(page, values: new { reference = "SR-2026-000042" }), Routes.Case("SR-2026-000042", step), StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void A_customer_route_is_the_pages_own()
    {
        var id = Guid.CreateVersion7();

        Assert.Equal(Links.GetPathByPage("/Customers/Details", values: new { id }), Routes.Customer(id));
    }
}
