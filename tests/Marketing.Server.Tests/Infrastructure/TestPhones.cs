namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// Phone numbers for tests. Random ones come from French mobile ranges libphonenumber validates (+33 6, then 0–2 or
/// 4–8): a number drawn from all of +33 6 fell in an unallocated block about one time in eleven (+33 6 39…), which the
/// engine once ignored STOP from, and which made tests fail at random.
/// </summary>
public static class TestPhones
{
    private const string ValidSecondDigits = "0124578";

    /// <summary>E.164, as Twilio gives a sender and the engine stores a number.</summary>
    public static string FrenchMobile() => $"+33{National()[1..]}";

    /// <summary>The same range as a person types it into a form.</summary>
    public static string FrenchMobileAsTyped() => National();

    /// <summary>Written in E.164 but in a block libphonenumber does not know (+33 6 39…): still someone's number to Twilio.</summary>
    public static string UnknownToLibphonenumber() => $"+33639{Random.Shared.Next(0, 1_000_000):D6}";

    private static string National() => $"06{ValidSecondDigits[Random.Shared.Next(ValidSecondDigits.Length)]}{Random.Shared.Next(0, 10_000_000):D7}";
}
