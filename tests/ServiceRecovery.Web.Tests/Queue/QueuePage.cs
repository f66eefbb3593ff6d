using AngleSharp.Html.Dom;

namespace ServiceRecovery.Web.Tests.Queue;

/// <summary>What the tests read from a rendered queue page.</summary>
public static class QueuePage
{
    /// <summary>The case references of the queue's rows, in the order shown.</summary>
    public static List<string> References(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=queue] tbody tr").Select(r => r.GetAttribute("data-reference")!)];
}
