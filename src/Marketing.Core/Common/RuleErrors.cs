using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketing.Common;

/// <summary>
/// One problem a rule found, as a stable code and its parameters: the API says it in English, a page in its own
/// language, both from the same code (<see cref="RuleTexts"/>).
/// </summary>
public sealed record RuleProblem(string Code, IReadOnlyDictionary<string, string> Params)
{
    public string In(RuleTexts texts) => texts.Format(this);
}

/// <summary>
/// A rule's field errors: the English message of each problem under its field, as every caller has always read them,
/// plus the problems themselves so that a page can say them in French and the API can give their codes.
/// </summary>
public sealed class RuleErrors : Dictionary<string, string[]>
{
    private readonly Dictionary<string, List<RuleProblem>> _problems = [];

    public IReadOnlyDictionary<string, List<RuleProblem>> Problems => _problems;

    /// <summary>The field's problem, in place of any it had.</summary>
    public void Set(string field, string code, params (string Name, object? Value)[] args)
    {
        _problems[field] = [Problem(code, args)];
        this[field] = [_problems[field][0].In(RuleTexts.English)];
    }

    /// <summary>The field's problem found by a shared check (<c>FreeText.Check</c>), in place of any it had.</summary>
    public void Set(string field, RuleProblem problem)
    {
        _problems[field] = [problem];
        this[field] = [problem.In(RuleTexts.English)];
    }

    /// <summary>One more problem of the field.</summary>
    public void Append(string field, string code, params (string Name, object? Value)[] args)
    {
        var problem = Problem(code, args);
        if (!_problems.TryGetValue(field, out var list) || !TryGetValue(field, out var messages) || messages.Length != list.Count)
        {
            Set(field, code, args);
            return;
        }

        list.Add(problem);
        this[field] = [.. messages, problem.In(RuleTexts.English)];
    }

    /// <summary>Adds <paramref name="other"/>'s fields, in place of these fields' own.</summary>
    public void Merge(RuleErrors other)
    {
        foreach (var (field, messages) in other)
        {
            this[field] = messages;
            if (other._problems.TryGetValue(field, out var problems))
            {
                _problems[field] = problems;
            }
            else
            {
                _problems.Remove(field);
            }
        }
    }

    /// <summary>The same errors with each field under <paramref name="prefix"/> (<c>definition.</c>), or as <paramref name="whole"/> when it has no name.</summary>
    public RuleErrors Prefixed(string prefix, string whole)
    {
        var prefixed = new RuleErrors();
        foreach (var (field, messages) in this)
        {
            var name = field.Length == 0 ? whole : prefix + field;
            prefixed[name] = messages;
            if (_problems.TryGetValue(field, out var problems))
            {
                prefixed._problems[name] = problems;
            }
        }

        return prefixed;
    }

    /// <summary>
    /// The messages in <paramref name="texts"/>' language. A field whose messages were replaced by hand since (no longer
    /// the English of its problems) keeps them as they are.
    /// </summary>
    public Dictionary<string, string[]> In(RuleTexts texts) =>
        this.ToDictionary(e => e.Key, e => CodedOf(e.Key) is { } problems ? [.. problems.Select(p => p.In(texts))] : e.Value);

    /// <summary>The problems of a field as they still stand, or null when its messages were replaced by hand.</summary>
    public IReadOnlyList<RuleProblem>? CodedOf(string field) =>
        _problems.TryGetValue(field, out var problems) && TryGetValue(field, out var messages)
        && messages.SequenceEqual(problems.Select(p => p.In(RuleTexts.English))) ? problems : null;

    private static RuleProblem Problem(string code, (string Name, object? Value)[] args) =>
        new(code, args.ToDictionary(a => a.Name, a => Text(a.Value)));

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        IEnumerable<string> list => string.Join(", ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// What each rule's code says in one language, gathered from the features' tables (<c>FormRuleTexts</c>,
/// <c>BannerRuleTexts</c>…): a text names its parameters in braces, <c>must be between {min} and {max}</c>.
/// </summary>
public sealed partial class RuleTexts
{
    private readonly IReadOnlyDictionary<string, string> _texts;

    private RuleTexts(IReadOnlyDictionary<string, string> texts) => _texts = texts;

    /// <summary>Every feature's table, in English and in French (a code missing from either is a defect a test finds).</summary>
    public static IReadOnlyList<(string Feature, IReadOnlyDictionary<string, string> English, IReadOnlyDictionary<string, string> French)> Tables { get; } =
    [
        ("site", Sites.SiteRuleTexts.English, Sites.SiteRuleTexts.French),
        ("form", Capture.FormRuleTexts.English, Capture.FormRuleTexts.French),
        ("banner", Consent.BannerRuleTexts.English, Consent.BannerRuleTexts.French),
        ("sequence", Nurture.SequenceRuleTexts.English, Nurture.SequenceRuleTexts.French),
        ("template", Templates.TemplateRuleTexts.English, Templates.TemplateRuleTexts.French),
        ("purpose", Consent.PurposeRuleTexts.English, Consent.PurposeRuleTexts.French),
        ("person", Leads.PersonRuleTexts.English, Leads.PersonRuleTexts.French),
        ("text", Capture.FreeTextRuleTexts.English, Capture.FreeTextRuleTexts.French),
        ("suppression", Suppression.SuppressionRuleTexts.English, Suppression.SuppressionRuleTexts.French),
        ("segment", Segments.SegmentRuleTexts.English, Segments.SegmentRuleTexts.French),
        ("broadcast", Broadcasts.BroadcastRuleTexts.English, Broadcasts.BroadcastRuleTexts.French),
    ];

    public static RuleTexts English { get; } = new(Tables.SelectMany(t => t.English).ToDictionary());

    public static RuleTexts French { get; } = new(Tables.SelectMany(t => t.French).ToDictionary());

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>The names a text expects, in braces.</summary>
    public static IReadOnlySet<string> PlaceholdersOf(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    public bool Has(string code) => _texts.ContainsKey(code);

    public string Format(RuleProblem problem)
    {
        var text = _texts.TryGetValue(problem.Code, out var found)
            ? found
            : throw new KeyNotFoundException($"The rule code '{problem.Code}' has no text: add it to its feature's rule texts.");
        return Placeholder().Replace(text, m => problem.Params.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }
}
