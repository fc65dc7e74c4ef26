using System.Net;
using System.Net.Sockets;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>A loopback port nothing listens on right now, for a server a test starts (the engine, an SMTP or IMAP server).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
