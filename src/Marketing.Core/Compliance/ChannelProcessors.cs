namespace Marketing.Compliance;

/// <summary>
/// The channels of this installation that send personal data to a processor, each with the processor entry it names
/// (R43), and whether data must stay in the EEA (R44). The embedded outbox sends nothing out and names none.
/// </summary>
public sealed record ChannelProcessors(IReadOnlyList<ChannelProcessors.Use> Uses, bool EuOnly)
{
    public static ChannelProcessors None { get; } = new([], false);

    /// <param name="Channel">The channel's stable name (smtp, twilio, mailbox).</param>
    /// <param name="Setting">The setting that names the processor, for messages.</param>
    /// <param name="On">Whether the channel is switched on by this installation's settings.</param>
    public sealed record Use(string Channel, string ProcessorKey, string Setting, bool On);

    public IEnumerable<Use> OnFor(string processorKey) => Uses.Where(u => u.On && u.ProcessorKey == processorKey);

    /// <summary>Why a channel may not be on with this entry (null when it may): the entry is missing, or, with eu-only, a transfer is uncovered.</summary>
    public string? Problem(Use use, Processor? processor)
    {
        if (processor is null)
        {
            return $"the {use.Channel} channel sends personal data to a processor, but no processor entry '{use.ProcessorKey}' exists (R43): "
                + $"add it with 'marketing processors add --key {use.ProcessorKey} ...' or on Settings > Processors, or name another with {use.Setting}";
        }

        return EuOnly && TransferRules.UncoveredCountries(processor) is { Count: > 0 } countries
            ? $"Marketing:DataRegion is eu-only, and processor '{processor.Key}' ({processor.LegalName}) of the {use.Channel} channel stores or accesses data in "
                + $"{string.Join(", ", countries)}, outside the EEA without an adequacy decision: give its transfer mechanism (scc, bcr, art49, or DPF certification) and document reference (R44)"
            : null;
    }
}
