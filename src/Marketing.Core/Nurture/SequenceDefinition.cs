using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Marketing.Sending;

namespace Marketing.Nurture;

/// <summary>
/// A nurture sequence as a marketer writes it (JSON): what enrols a person, and the steps they go through.
/// The first step is where every enrolment starts.
/// </summary>
public sealed record SequenceDefinition(string? Name, SequenceTrigger? Trigger, bool Reenrol, List<SequenceStep>? Steps)
{
    public SequenceStep? Step(string? id) => Steps?.FirstOrDefault(s => s.Id == id);
}

/// <summary><c>consent_confirmed</c> (with a purpose), <c>form_submitted</c> (with a form) or <c>api</c>.</summary>
public sealed record SequenceTrigger(string? Type, string? Purpose, string? Form);

/// <summary>
/// One step. <c>email</c> and <c>sms</c> send a template for a purpose; <c>wait</c> holds for a duration or
/// until a local time of day; <c>branch</c> goes to <c>then</c> or <c>else</c>; <c>goal</c> ends the
/// enrolment once its condition holds; <c>exit</c> ends it. A message step may state that it is relevant to the
/// recipients' role (B2B prospecting, R4) or that it offers products analogous to a category of their orders (the
/// customer exception, R3); the gate weighs these at each send.
/// </summary>
public sealed record SequenceStep(
    string? Id,
    string? Type,
    string? Template = null,
    string? Purpose = null,
    string? Next = null,
    string? Duration = null,
    WaitUntil? Until = null,
    StepCondition? Condition = null,
    string? Then = null,
    string? Else = null,
    bool? RelevantToRole = null,
    string? AnalogousTo = null);

/// <summary>A local time of day (<c>HH:mm</c>) in the person's time zone, on the listed weekdays (any day when none).</summary>
public sealed record WaitUntil(string? Time, List<string>? Days);

/// <summary>
/// <c>consent</c>: the person's state for a purpose is one of <c>status</c>; <c>attribute</c>: an attribute
/// exists, or equals <c>value</c>; <c>clicked</c>: a link in the email of an earlier step was followed;
/// <c>replied</c>: the person answered after an earlier SMS step, with <c>keyword</c> when given.
/// </summary>
public sealed record StepCondition(
    string? Type,
    string? Purpose = null,
    string? Channel = null,
    List<string>? Status = null,
    string? Attribute = null,
    string? Value = null,
    string? Step = null,
    string? Keyword = null);

public static class StepTypes
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Wait = "wait";
    public const string Branch = "branch";
    public const string Goal = "goal";
    public const string Exit = "exit";

    public static IReadOnlyList<string> All { get; } = [Email, Sms, Wait, Branch, Goal, Exit];

    public static bool Sends(string? type) => type is Email or Sms;
}

public static class TriggerTypes
{
    public const string ConsentConfirmed = "consent_confirmed";
    public const string FormSubmitted = "form_submitted";
    public const string Api = "api";

    public static IReadOnlyList<string> All { get; } = [ConsentConfirmed, FormSubmitted, Api];
}

public static class ConditionTypes
{
    public const string Consent = "consent";
    public const string Attribute = "attribute";
    public const string Clicked = "clicked";
    public const string Replied = "replied";

    public static IReadOnlyList<string> All { get; } = [Consent, Attribute, Clicked, Replied];
}

public static partial class WaitTimes
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);


    [GeneratedRegex(@"^(?:(?<d>\d{1,3})d)?(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,6})m)?$")]
    private static partial Regex Short();

    /// <summary><c>2d</c>, <c>36h</c>, <c>1d12h</c>, <c>90m</c>, or ISO 8601 (<c>P2D</c>, <c>PT36H</c>).</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Short().Match(text) is { Success: true } m && text.Length > 0)
        {
            int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
            return new TimeSpan(Part("d"), Part("h"), Part("m"), 0);
        }

        if (text.StartsWith('P'))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The first moment strictly after <paramref name="after"/> when the wall clock in <paramref name="zone"/>
    /// shows <paramref name="time"/> on one of <paramref name="days"/>. A time skipped by a daylight-saving jump
    /// is taken at the first valid minute after it.
    /// </summary>
    public static DateTimeOffset NextLocal(DateTimeOffset after, TimeZoneInfo zone, TimeOnly time, IReadOnlyCollection<DayOfWeek> days)
    {
        var local = TimeZoneInfo.ConvertTime(after, zone);
        for (var offset = 0; offset <= 8; offset++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(offset);
            if (days.Count > 0 && !days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var candidate = WallClock.ToInstant(date.ToDateTime(time), zone);
            if (candidate > after)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no weekday matched within a week");
    }
}
