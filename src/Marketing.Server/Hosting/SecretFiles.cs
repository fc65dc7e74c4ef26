using System.Security.Cryptography;

namespace Marketing.Server.Hosting;

/// <summary>
/// Secrets and database files the engine creates beside its data: readable by its own user only from the moment
/// they exist (mode 0600 given at creation, never a chmod after, which would leave a window).
/// </summary>
public static class SecretFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The data directory, made 0700 when the engine creates it.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnlyDirectory);
    }

    /// <summary>An empty file made 0600, unless it exists already (then it is left as it is).</summary>
    public static void CreateEmpty(string path)
    {
        try
        {
            using var _ = new FileStream(path, Options(FileMode.CreateNew));
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }

    /// <summary>
    /// The secret kept in <paramref name="path"/>, made with <paramref name="bytes"/> random bytes (base64) on first use.
    /// Written to a private temporary file, then linked into place without replacing: two processes starting together
    /// both end up reading the one that won, never a half-written file.
    /// </summary>
    public static string ReadOrCreate(string path, int bytes)
    {
        if (!File.Exists(path))
        {
            CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            using (var stream = new FileStream(temporary, Options(FileMode.CreateNew)))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return File.ReadAllText(path).Trim();
    }

    private static FileStreamOptions Options(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return options;
    }
}
