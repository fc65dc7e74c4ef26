using System.Net;
using System.Net.Sockets;

namespace Marketing.Server.Hosting;

/// <summary>The client a per-address limit counts under; every per-address limit of the engine uses this one key.</summary>
public static class ClientPartition
{
    /// <summary>
    /// An IPv4 address whole; an IPv6 address by its /64, the smallest network a provider hands one subscriber, so
    /// that a host cannot step around a limit by rotating through its own addresses.
    /// </summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    public static string KeyOf(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);
}
