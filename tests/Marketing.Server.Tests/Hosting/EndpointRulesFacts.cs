using System.Reflection;
using System.Text.RegularExpressions;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Hosting;

/// <summary>
/// ADR 10 kept by a scan of the Server's source: an endpoint, page, job or command of the host never writes to the
/// database itself; a Core use case does, so the API, the web app and the CLI share one rule.
/// </summary>
public sealed partial class ServerWriteFacts
{
    /// <summary>Infrastructure, not features: each file and the writes it may make, with the reason.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        // The data-protection key ring: ASP.NET Core's IXmlRepository stores and re-encrypts its own rows.
        ["Hosting/DatabaseXmlRepository.cs"] = ["Add", "SaveChanges", "ExecuteUpdateAsync"],
        // Turning on SQLite's write-ahead log when the database is opened: a setting of the file, not data.
        ["Hosting/DatabasePreparation.cs"] = ["ExecuteSqlRawAsync"],
    };

    public static TheoryData<string, string> Writes() => new()
    {
        { "await db.SaveChangesAsync(ct);", "SaveChangesAsync" },
        { "context.SaveChanges();", "SaveChanges" },
        { "await db.People.Where(p => p.Id == id).ExecuteDeleteAsync(ct);", "ExecuteDeleteAsync" },
        { "await db.Sends\n    .Where(s => s.Id == id)\n    .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, \"x\"), ct);", "ExecuteUpdateAsync" },
        { "db.Database.ExecuteSqlInterpolated($\"DELETE FROM people\");", "ExecuteSqlInterpolated" },
        { "db.AuditEntries.Add(AuditEntry.Create(clock, actor, \"x\", null));", "Add" },
        { "db.Suppressions.AddRange(rows);", "AddRange" },
        { "db.Sites . Remove(site);", "Remove" },
        { "var set = db.Forms; set.Add(form);", "Add" },
        { "private static Task Go(MarketingDbContext store, Site s) { store.Add(s); }", "Add" },
        { "var store = services.GetRequiredService<MarketingDbContext>(); store.Update(s);", "Update" },
        { "db.Entry(person).State = EntityState.Modified;", "Entry" },
        { "@inject MarketingDbContext Db\n@code { async Task Save() { Db.AuditEntries.Add(entry); await Db.SaveChangesAsync(Aborted); } }", "Add" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public void Scan_FindsAWrite_HoweverItIsSpelled(string source, string expected) =>
        Assert.Contains(expected, FindWrites(source).Select(w => w.Operation));

    [Theory]
    [InlineData("notes.Add(kept.Note);")]
    [InlineData("cache.Remove($\"form-latest:{formId}\");")]
    [InlineData("root.Subcommands.Add(MigrateCommand());")]
    [InlineData(".ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug)));")]
    [InlineData("var outcome = await RemoveSuppression.HandleAsync(db, clock, id, actor, ct);")]
    [InlineData("// db.SaveChangesAsync() is the use case's")]
    public void Scan_LeavesReadsListsAndUseCaseCallsAlone(string source) =>
        Assert.Empty(FindWrites(source));

    [Fact]
    public void Server_WritesToTheDatabaseOnlyThroughCoreUseCases()
    {
        var server = Path.Combine(Repository.Root, "src", "Marketing.Server");
        var found = new List<string>();
        // Pages (.razor) are callers like endpoints: they too write only through use cases.
        foreach (var file in Directory.EnumerateFiles(server, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(server, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var allowed = Allowed.GetValueOrDefault(relative, []);
            found.AddRange(FindWrites(File.ReadAllText(file))
                .Where(w => !allowed.Contains(w.Operation, StringComparer.Ordinal))
                .Select(w => $"{relative}:{w.Line} {w.Operation}"));
        }

        Assert.True(found.Count == 0, "Move these writes into a Core use case (ADR 10):\n" + string.Join('\n', found));
    }

    [Fact]
    public void AllowedWrites_AreStillThere_SoTheListCannotRotIntoALoophole()
    {
        var server = Path.Combine(Repository.Root, "src", "Marketing.Server");
        foreach (var (file, operations) in Allowed)
        {
            var writes = FindWrites(File.ReadAllText(Path.Combine(server, file))).Select(w => w.Operation).ToHashSet(StringComparer.Ordinal);
            Assert.All(operations, operation => Assert.Contains(operation, writes));
        }
    }

    /// <summary>
    /// Every call that writes: saving, bulk updates and deletes, raw SQL, and adding, removing, updating or attaching
    /// through a DbSet of the context (by its property name) or through anything declared as the context.
    /// </summary>
    public static IEnumerable<(int Line, string Operation)> FindWrites(string source)
    {
        var code = Comment().Replace(source, m => new string(' ', m.Length));
        // "db" is the house name of the context, wherever it came from.
        var contexts = ContextVariable().Matches(code).Select(m => m.Groups["name"].Value)
            .Append("db")
            .Concat(SetVariable().Matches(code).Select(m => m.Groups["name"].Value))
            .Concat(SetNames)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var throughContext = new Regex(
            $@"\b(?:{string.Join('|', contexts.Select(Regex.Escape))})\s*\.\s*(?<op>(?:Add|Remove|Update|Attach)(?:Range)?(?:Async)?|Entry)\s*\(",
            RegexOptions.CultureInvariant);

        return Writing().Matches(code).Concat(throughContext.Matches(code))
            .Select(m => (Line: code.AsSpan(0, m.Index).Count('\n') + 1, Operation: m.Groups["op"].Value))
            .Distinct()
            .OrderBy(w => w.Line);
    }

    private static readonly string[] SetNames = typeof(MarketingDbContext)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
        .Select(p => p.Name)
        .ToArray();

    [GeneratedRegex(@"\b(?<op>SaveChanges(?:Async)?|Execute(?:Update|Delete)(?:Async)?|ExecuteSql\w*)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex Writing();

    /// <summary>A parameter, field or variable that holds the context: <c>MarketingDbContext db</c>, <c>var db = ...&lt;MarketingDbContext&gt;()</c>.</summary>
    [GeneratedRegex(@"(?:\bMarketingDbContext\s+(?<name>\w+))|(?:\bvar\s+(?<name>\w+)\s*=[^;]*\bMarketingDbContext\b)", RegexOptions.CultureInvariant)]
    private static partial Regex ContextVariable();

    /// <summary>A variable that holds one of its sets: <c>var set = db.Forms;</c>, <c>DbSet&lt;Form&gt; set</c>.</summary>
    [GeneratedRegex(@"(?:\bDbSet<\w+>\s+(?<name>\w+))|(?:\bvar\s+(?<name>\w+)\s*=\s*\w+\s*\.\s*\w+\s*;)", RegexOptions.CultureInvariant)]
    private static partial Regex SetVariable();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}

/// <summary>
/// ADR 10's route rules, read from the running host's endpoints: each route has a unique PascalCase name and a tag,
/// and its handler declares what it answers (TypedResults / Results&lt;…&gt;) so the API description can list it.
/// </summary>
public abstract class EndpointRulesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    /// <summary>Handlers whose answer is not one type by design, each with its reason.</summary>
    private static readonly Dictionary<string, string> Untyped = new(StringComparer.Ordinal)
    {
        ["SubmitForm"] = "a plain HTML form's post is answered with an HTML page, the widget's with JSON",
        ["GetOpenApiDocument"] = "Microsoft.AspNetCore.OpenApi's handler writes the document itself",
        // Scalar.AspNetCore's own handlers (the API reference page and its files, ADR 18): the package's code, not ours.
        ["ApiReference"] = "the Scalar package's page",
        ["ApiReferenceScalarJs"] = "the Scalar package's file",
        ["ApiReferenceScalarAspnetcoreJs"] = "the Scalar package's file",
        ["ApiReferenceFaviconSvg"] = "the Scalar package's file",
    };

    [Fact]
    public void EveryRoute_HasAUniquePascalCaseName()
    {
        var routes = Routes();

        var unnamed = routes.Where(r => r.Name is null).Select(r => r.Display).ToList();
        Assert.True(unnamed.Count == 0, "Give these routes .WithName(...):\n" + string.Join('\n', unnamed));
        Assert.All(routes, r => Assert.Matches("^[A-Z][A-Za-z0-9]*$", r.Name));
        var repeated = routes.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.Display))}").ToList();
        Assert.True(repeated.Count == 0, "Route names repeated:\n" + string.Join('\n', repeated));
    }

    [Fact]
    public void EveryRoute_HasAFeatureTag()
    {
        var untagged = Routes().Where(r => !r.Tagged).Select(r => $"{r.Name} {r.Display}").ToList();

        Assert.True(untagged.Count == 0, "Give these routes .WithTags(<feature>):\n" + string.Join('\n', untagged));
    }

    [Fact]
    public void EveryHandler_ReturnsATypedResult()
    {
        var untyped = Routes()
            .Where(r => r.Handler is { } handler && !IsTyped(handler.ReturnType) && !Untyped.ContainsKey(r.Name ?? ""))
            .Select(r => $"{r.Name} {r.Display}: {r.Handler!.ReturnType}")
            .ToList();

        Assert.True(untyped.Count == 0, "Return TypedResults / Results<...> from these handlers:\n" + string.Join('\n', untyped));
    }

    [Fact]
    public void UntypedExceptions_AreStillRoutes_SoTheListCannotRotIntoALoophole() =>
        Assert.All(Untyped.Keys, name => Assert.Contains(name, Routes().Select(r => r.Name)));

    private sealed record Route(string Display, string? Name, bool Tagged, MethodInfo? Handler);

    // The web app's pages are Razor components, named by their component and served to people, not described as API
    // routes; the framework adds one route of its own for enhanced navigation.
    private List<Route> Routes() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null
            && e.RoutePattern.RawText != "/_framework/opaque-redirect")
        .Select(e => new Route(
            $"{string.Join(',', e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}",
            e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
            e.Metadata.GetMetadata<ITagsMetadata>() is { Tags.Count: > 0 },
            // A handler mapped from a delegate carries its method; a middleware pipeline (health, jobs dashboard) has none.
            e.Metadata.GetMetadata<MethodInfo>()))
        .ToList();

    /// <summary>A result type that says what it is: not IResult, object or nothing, once unwrapped from Task/ValueTask.</summary>
    private static bool IsTyped(Type type)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return type != typeof(IResult) && type != typeof(object) && type != typeof(void) && type != typeof(Task) && type != typeof(ValueTask)
            && typeof(IResult).IsAssignableFrom(type);
    }
}

public sealed class EndpointRulesFacts_OnSqlite(SqliteApp app) : EndpointRulesFacts<SqliteApp>(app);

public sealed class EndpointRulesFacts_OnPostgres(PostgresApp app) : EndpointRulesFacts<PostgresApp>(app);
