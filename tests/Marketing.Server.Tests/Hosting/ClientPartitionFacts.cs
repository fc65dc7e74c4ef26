using System.Net;
using Marketing.Server.Hosting;

namespace Marketing.Server.Tests.Hosting;

/// <summary>The key every per-address limit counts under: an IPv4 address, or an IPv6 address's /64.</summary>
public sealed class ClientPartitionFacts
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    [InlineData("::1", "::/64")]
    [InlineData(null, "unknown")]
    public void KeyOf_GroupsAnIpv6Slash64_AndKeepsIpv4Whole(string? address, string expected)
    {
        Assert.Equal(expected, ClientPartition.KeyOf(address is null ? null : IPAddress.Parse(address)));
    }
}
