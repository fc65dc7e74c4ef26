using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// A real IMAP server (Debian's Dovecot) on a free port, serving one Maildir: tests drop reports into it as a
/// mail server would deliver them, and the engine reads them over IMAP with MailKit.
/// </summary>
public sealed class ImapMailbox : IDisposable
{
    public const string User = "bounces";
    public const string Password = "imap-test-password";

    private readonly string _directory;
    private readonly string _config;

    public ImapMailbox()
    {
        _directory = Directory.CreateTempSubdirectory("marketing-imap-").FullName;
        Port = LoopbackPort.Free();
        foreach (var sub in new[] { "cur", "new", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(_directory, "mail", "Maildir", sub));
        }

        Directory.CreateDirectory(Path.Combine(_directory, "run"));
        Directory.CreateDirectory(Path.Combine(_directory, "state"));
        File.WriteAllText(Path.Combine(_directory, "passwd"), $"{User}:{{PLAIN}}{Password}\n");
        _config = Path.Combine(_directory, "dovecot.conf");
        File.WriteAllText(_config, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{_directory}}/run
            state_dir = {{_directory}}/state
            log_path = {{_directory}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{_directory}}/mail/Maildir
            first_valid_uid = 1
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_directory}}/passwd
            }
            userdb {
              driver = static
              args = uid=nobody gid=nogroup home={{_directory}}/mail
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """);
        // Dovecot's processes run as other users: they must reach the directory; the mail user owns its Maildir.
        Run("/bin/chmod", "755", _directory);
        Run("/bin/chown", "-R", "nobody:nogroup", Path.Combine(_directory, "mail"));
        // Not through Run: the daemon keeps the inherited stderr open, and reading it to the end would never finish.
        using (var master = Process.Start("/usr/sbin/dovecot", ["-c", _config]))
        {
            master.WaitForExit();
        }

        WaitForPort();
    }

    public int Port { get; }

    /// <summary>Delivers a message the way an MTA does into a Maildir: written in tmp, then moved into new.</summary>
    public void Deliver(string rawMessage)
    {
        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.test";
        var tmp = Path.Combine(_directory, "mail", "Maildir", "tmp", name);
        File.WriteAllText(tmp, rawMessage);
        File.Move(tmp, Path.Combine(_directory, "mail", "Maildir", "new", name));
    }

    /// <summary>Messages the IMAP client has marked read (Dovecot moves them to cur/ with the S flag).</summary>
    public int SeenCount => Directory.GetFiles(Path.Combine(_directory, "mail", "Maildir", "cur"))
        .Count(f => Path.GetFileName(f).Split(":2,") is [_, var flags] && flags.Contains('S', StringComparison.Ordinal));

    public void Dispose()
    {
        var pidFile = Path.Combine(_directory, "run", "master.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            try
            {
                using var master = Process.GetProcessById(pid);
                master.Kill(entireProcessTree: true);
                master.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}");
        }
    }

    private void WaitForPort()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"Dovecot did not listen on {Port}: {File.ReadAllText(Path.Combine(_directory, "dovecot.log"))}");
    }
}
