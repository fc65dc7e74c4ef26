using Marketing.Server.Hosting;

namespace Marketing.Server.Leads;

/// <summary>Contact imports (R51): how large an uploaded file may be.</summary>
public sealed class ImportsSettings
{
    public const string Section = "Marketing:Imports";

    /// <summary>
    /// The largest upload, in bytes: a million rows of a few columns fits (about 100 to 400 MB). The file is streamed
    /// to the data directory, never held in memory, so this limit is about disk space and the time of one upload.
    /// </summary>
    public long MaxUploadBytes { get; set; } = 500_000_000;

    public void Validate() =>
        Setting.Require(MaxUploadBytes is >= 1_000_000 and <= 10_000_000_000, $"{Section}:MaxUploadBytes", "must be between 1000000 and 10000000000 bytes");
}
