using System.Net;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Nurture;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The sequence pages (issue 16, page 7): a keyboard-only walk that builds a sequence with a branch, meets a publication
/// problem on its step's card, fixes it and publishes, every state checked by axe and the CSP in English and French; the
/// published flow's numbers per step; and the builder's posts without JavaScript.
/// </summary>
public abstract partial class SequencePageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Fact]
    public async Task PublishedFlow_ShowsPerStep_WhoWaits_AndWhatBecameOfItsMessages()
    {
        var flow = await SequenceData.PublishedWithPeopleAsync(app);
        await using var tab = await AppPage.OpenAsync(app);
        await SignInAsync(tab, await WebUsers.CreateAsync(app, ApiKeyRole.Marketer));

        await tab.GotoAsync($"/sequences/{flow.Key}");
        var html = WebUtility.HtmlDecode(await tab.Page.ContentAsync());

        var rows = StatsRows().Matches(html).ToDictionary(m => m.Groups[1].Value, m => Stat().Matches(m.Groups[2].Value).ToDictionary(s => s.Groups[1].Value, s => s.Groups[2].Value));
        Assert.Equal(["mail", "pause", "check", "done"], rows.Keys);
        Assert.Equal("waiting=0 sent=3 queued=0 blocked=1 skipped=1 failed=0 goal=–", Line(rows["mail"]));
        Assert.Equal("waiting=3 sent=0 queued=0 blocked=0 skipped=0 failed=0 goal=–", Line(rows["pause"]));
        Assert.Equal("waiting=0 sent=0 queued=0 blocked=0 skipped=0 failed=0 goal=1", Line(rows["check"]));
        Assert.Equal("waiting=0 sent=0 queued=0 blocked=0 skipped=0 failed=0 goal=–", Line(rows["done"]));
        Assert.Contains("<li>1: the person withdrew consent</li>", html, StringComparison.Ordinal);
        Assert.Contains("5 enrolled in all.", html, StringComparison.Ordinal);
        Assert.Contains("2 days", html, StringComparison.Ordinal);
        await tab.CheckAsync("builder, published flow with people");
        await tab.GotoAsync("/sequences");
        var list = WebUtility.HtmlDecode(await tab.Page.ContentAsync());
        Assert.Contains($"<a href=\"/sequences/{flow.Key}\">{flow.Key}</a>", list, StringComparison.Ordinal);
        Assert.Contains("3 in progress, 1 completed, 1 left", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task KeyboardOnly_BuildsASequenceWithABranch_MeetsAProblemOnItsCard_FixesIt_AndPublishes(string language)
    {
        var token = SequenceData.Token();
        var purpose = await SequenceData.PurposeAsync(app, token);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        var key = $"walk-{token}";
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, marketer);
        await tab.GotoAsync("/sequences");
        await tab.CheckAsync("sequences");

        await tab.TabToAsync("#key");
        await tab.Page.Keyboard.TypeAsync(key);
        await tab.TabToAsync("#name");
        await tab.Page.Keyboard.TypeAsync("Welcome " + token);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"/sequences/{key}\\?done=created"));
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await tab.CheckAsync("builder, empty");

        // An email step (its template and purpose left out for now), a wait, a branch and an exit.
        await AddStepAsync(tab, arrows: 0, position: 1);
        await tab.CheckAsync("builder, a new step open for editing");
        await AddStepAsync(tab, arrows: 2, position: 2);
        await tab.TabToAsync("#edit-2-duration");
        await tab.Page.Keyboard.PressAsync("Control+A");
        await tab.Page.Keyboard.TypeAsync("2d");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=saved&step=2"));
        await Assertions.Expect(tab.Page.Locator("#step-2-heading")).ToBeFocusedAsync();
        await Assertions.Expect(tab.Page.Locator("#step-2 [data-wait-words]")).ToHaveTextAsync(language == "fr" ? "2 jours" : "2 days");
        await AddStepAsync(tab, arrows: 3, position: 3);
        await AddStepAsync(tab, arrows: 5, position: 4);

        await tab.TabToAsync("#step-3 a[href*='edit=3']", most: 150);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("#edit-3-condition")).ToBeVisibleAsync();
        await tab.TabToAsync("#edit-3-condition");
        await ArrowDownAsync(tab, 3); // clicked
        await tab.TabToAsync("#edit-3-condition-step");
        await ArrowDownAsync(tab, 1); // 1. email-1
        await tab.TabToAsync("#edit-3-then");
        await ArrowDownAsync(tab, 3); // 4. exit-1
        await tab.TabToAsync("#edit-3-else");
        await ArrowDownAsync(tab, 3);
        await tab.CheckAsync("builder, editing a branch");
        await tab.TabToAsync("#edit-3-save");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=saved&step=3"));
        await Assertions.Expect(tab.Page.Locator("#step-3 .branch__arm")).ToHaveCountAsync(2);
        await Assertions.Expect(tab.Page.Locator("#step-3 .branch__arm a[href='#step-4']")).ToHaveCountAsync(2);

        // Move the wait up and back down: the focus follows the moved card each time.
        await tab.TabToAsync("#step-2 [data-move-form] button[value='0']", most: 150);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=moved&step=1"));
        await Assertions.Expect(tab.Page.Locator("#step-1-heading")).ToBeFocusedAsync();
        await Assertions.Expect(tab.Page.Locator("#step-1-heading")).ToContainTextAsync("wait-1");
        await tab.TabToAsync("#step-1 [data-move-form] button[value='1']");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=moved&step=2"));
        await Assertions.Expect(tab.Page.Locator("#step-2-heading")).ToBeFocusedAsync();
        await Assertions.Expect(tab.Page.Locator("#step-2-heading")).ToContainTextAsync("wait-1");

        // Publishing now fails: the email step has no template and no purpose; the problems are on its card.
        await tab.TabToAsync(".actions form[data-enhance] button", most: 150);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(tab.Page.Locator("#step-1.step-card--error .step-card__problems li")).ToHaveCountAsync(2);
        await Assertions.Expect(tab.Page.Locator("#step-1 .step-card__problems")).ToContainTextAsync(language == "fr" ? "template: une étape email nomme son modèle" : "template: a email step names its template");
        await Assertions.Expect(tab.Page.Locator("[data-error-summary] a[href^='#step-1-problem-']")).ToHaveCountAsync(2);
        await tab.CheckAsync("builder, publication problems", status: 400);
        Assert.Equal(0, app.InScope(db => db.SequenceVersions.Count(v => db.Sequences.Any(s => s.Id == v.SequenceId && s.Key == key))));

        await tab.TabToAsync("#step-1 a[href*='edit=1']", most: 150);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("#edit-1-template")).ToBeVisibleAsync();
        await tab.TabToAsync("#edit-1-template");
        await tab.Page.Keyboard.TypeAsync("welcome");
        await tab.TabToAsync("#edit-1-purpose");
        await ArrowDownAsync(tab, app.InScope(db => db.Purposes.Select(p => p.Key).ToList()).Order(StringComparer.Ordinal).ToList().IndexOf(purpose) + 1);
        await tab.TabToAsync("#edit-1-save");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=saved&step=1"));
        await tab.TabToAsync(".actions form[data-enhance] button", most: 150);
        await tab.Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=published"));
        await Assertions.Expect(tab.Page.Locator(".tag--active")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("table.stats tr[data-stats-step]")).ToHaveCountAsync(4);
        await tab.CheckAsync("builder, published");
        var published = app.InScope(db => db.SequenceVersions.Single(v => db.Sequences.Any(s => s.Id == v.SequenceId && s.Key == key)).Definition);
        Assert.Equal("email-1 wait-1 branch-1 exit-1", string.Join(" ", published.Steps!.Select(s => s.Id)));
        Assert.Equal(new StepCondition(ConditionTypes.Clicked, Step: "email-1"), published.Steps![2].Condition);
        Assert.Equal(("welcome", purpose, "wait-1"), (published.Steps[0].Template, published.Steps[0].Purpose, published.Steps[0].Next));

        // A second version, and what changed between the two.
        await tab.TabToAsync("#step-2 a[href*='edit=2']", most: 150);
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.TabToAsync("#edit-2-duration");
        await tab.Page.Keyboard.PressAsync("Control+A");
        await tab.Page.Keyboard.TypeAsync("3d");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=saved&step=2"));
        await tab.TabToAsync(".actions form[data-enhance] button", most: 150);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=published"));
        await tab.GotoAsync($"/sequences/{key}/versions?from=1&to=2");
        await Assertions.Expect(tab.Page.Locator(".diff__step--changed")).ToHaveCountAsync(1);
        await Assertions.Expect(tab.Page.Locator(".diff__step--changed")).ToContainTextAsync("wait-1");
        await Assertions.Expect(tab.Page.Locator(".diff__step--changed td").First).ToHaveTextAsync("2d");
        await tab.CheckAsync("versions, diff");

        await tab.GotoAsync($"/sequences/{key}");
        await tab.TabToAsync(".actions .button--warning", most: 150);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("done=paused"));
        await Assertions.Expect(tab.Page.Locator(".tag--paused")).ToBeVisibleAsync();
        await tab.CheckAsync("builder, paused");
        Assert.Equal(SequenceStatuses.Paused, app.InScope(db => db.Sequences.Single(s => s.Key == key).Status));
    }

    [Fact]
    public async Task WithoutJavaScript_AddingEditingAndMovingSteps_AreFormPosts()
    {
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        var key = $"nojs-{SequenceData.Token()}";
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, marketer);
        await tab.GotoAsync("/sequences");
        await tab.Page.Locator("#key").FillAsync(key);
        await tab.Page.Locator("form:has(#key) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("h1")).ToContainTextAsync(key);

        await tab.Page.Locator("#add-type").SelectOptionAsync("wait");
        await tab.Page.Locator("form.add-step button[type=submit]").ClickAsync();
        await tab.Page.Locator("#edit-1-kind-until").CheckAsync();
        await tab.Page.Locator("#edit-1-time").FillAsync("09:00");
        await tab.Page.Locator("#edit-1-day-mon").CheckAsync();
        await tab.Page.Locator("#edit-1-save").ClickAsync();
        await tab.Page.Locator("#add-type").SelectOptionAsync("exit");
        await tab.Page.Locator("form.add-step button[type=submit]").ClickAsync();
        await tab.Page.Locator("#step-2 [data-move-form] button[value='0']").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("#step-2 [data-wait-words]")).ToHaveTextAsync("at 09:00 in the person's time zone, on Monday");
        Assert.EndsWith("#step-1", tab.Page.Url, StringComparison.Ordinal);
        var draft = app.InScope(db => db.Sequences.Single(s => s.Key == key).Draft);
        Assert.Equal("exit-1 wait-1", string.Join(" ", draft.Steps!.Select(s => s.Id)));
        Assert.Equal(("exit-1", (string?)null), (draft.Steps![1].Next, draft.Steps[1].Duration));
        Assert.Equal(("09:00", "mon"), (draft.Steps![1].Until!.Time, string.Join(",", draft.Steps[1].Until!.Days!)));
    }

    [Fact]
    public async Task DraggingACard_MovesItsStep_AsItsMoveFormWould()
    {
        var flow = await SequenceData.PublishedWithPeopleAsync(app);
        await using var tab = await AppPage.OpenAsync(app);
        await SignInAsync(tab, await WebUsers.CreateAsync(app, ApiKeyRole.Marketer));
        await tab.GotoAsync($"/sequences/{flow.Key}");
        await Assertions.Expect(tab.Page.Locator("#step-4")).ToHaveAttributeAsync("draggable", "true");

        // An enhancement beside Move up / Move down: the card dropped on the first one posts its move form with To=0.
        // The browser's drag events are dispatched as a drag makes them (a mouse drag over scrolled cards is flaky headless).
        var carried = await tab.Page.EvaluateHandleAsync("() => new DataTransfer()");
        await tab.Page.Locator("#step-4").DispatchEventAsync("dragstart", new Dictionary<string, object> { ["dataTransfer"] = carried });
        await tab.Page.Locator("#step-1").DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = carried });
        await tab.Page.Locator("#step-1").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = carried });

        await Assertions.Expect(tab.Page.Locator("#step-1 [data-move-form] input[name=StepRef]")).ToHaveValueAsync("done");
        Assert.Equal("done mail pause check", string.Join(" ", app.InScope(db => db.Sequences.Single(s => s.Key == flow.Key).Draft).Steps!.Select(s => s.Id)));
        await tab.CheckAsync("builder, after a drag");
    }

    private static async Task AddStepAsync(AppPage tab, int arrows, int position)
    {
        await tab.TabToAsync("#add-type", most: 200);
        await ArrowDownAsync(tab, arrows);
        await tab.TabToAsync("form.add-step button[type=submit]");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"done=added&edit={position}&step={position}"));
        await Assertions.Expect(tab.Page.Locator($"#step-{position}-heading")).ToBeFocusedAsync();
    }

    private static async Task ArrowDownAsync(AppPage tab, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await tab.Page.Keyboard.PressAsync("ArrowDown");
        }
    }

    private async Task SignInAsync(AppPage tab, TestUser user)
    {
        await tab.GotoAsync("/account/sign-in");
        await tab.Page.Locator("#email").FillAsync(user.Email);
        await tab.Page.Locator("#password").FillAsync(user.Password);
        await tab.Page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"^{Regex.Escape(app.AppAddress.ToString())}$"));
    }

    private static string Line(Dictionary<string, string> stats) => string.Join(" ", stats.Select(s => $"{s.Key}={s.Value}"));

    [GeneratedRegex("<tr data-stats-step=\"([^\"]+)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex StatsRows();

    [GeneratedRegex("data-stat=\"(\\w+)\">\\s*(\\d+|–)", RegexOptions.Singleline)]
    private static partial Regex Stat();
}

public sealed class SequencePageFacts_OnSqlite(SqliteWebBrowserApp app) : SequencePageFacts<SqliteWebBrowserApp>(app);

public sealed class SequencePageFacts_OnPostgres(PostgresWebBrowserApp app) : SequencePageFacts<PostgresWebBrowserApp>(app);
