using System.Net;

namespace Marketing.Server.Capture;

/// <summary>The client address kept as evidence, cut to the configured prefix (data minimisation when wanted).</summary>
public static class IpEvidence
{
    public static string? Truncate(IPAddress? address, int prefixV4, int prefixV6)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? prefixV4 : prefixV6;
        for (var bit = keep; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes).ToString();
    }
}
