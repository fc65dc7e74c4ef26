using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>What every widget test asks of a page: no accessibility violation, and nothing the browser refused or failed.</summary>
public static class PageChecks
{
    public static async Task AssertNoAxeViolationsAsync(this IPage page)
    {
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0,
            string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }

    /// <summary>Collects, from now on, console errors (CSP violations, failed requests) and uncaught script errors.</summary>
    public static List<string> CollectProblems(this IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        return problems;
    }
}
