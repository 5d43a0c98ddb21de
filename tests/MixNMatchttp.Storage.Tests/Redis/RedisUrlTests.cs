using MixNMatchttp.Storage.Redis;

namespace MixNMatchttp.Storage.Tests.Redis;

public sealed class RedisUrlTests
{
    [Theory]
    [InlineData("redis://localhost", "localhost", 6379, 0, false, "redis://localhost:6379/0")]
    [InlineData("redis://127.0.0.1:6380/2", "127.0.0.1", 6380, 2, false, "redis://127.0.0.1:6380/2")]
    [InlineData("REDIS://Cache-1.internal:1/", "Cache-1.internal", 1, 0, false, "redis://Cache-1.internal:1/0")]
    [InlineData("rediss://cache.example:6380/15", "cache.example", 6380, 15, true, "rediss://cache.example:6380/15")]
    [InlineData("redis://[::1]:6379/3", "::1", 6379, 3, false, "redis://[::1]:6379/3")]
    [InlineData("redis://[::1]", "::1", 6379, 0, false, "redis://[::1]:6379/0")]
    [InlineData("  redis://h:65535/0  ", "h", 65535, 0, false, "redis://h:65535/0")]
    [InlineData("localhost:6390,ssl=true,defaultDatabase=4", "localhost", 6390, 4, true, "rediss://localhost:6390/4")]
    [InlineData("10.0.0.5", "10.0.0.5", 6379, 0, false, "redis://10.0.0.5:6379/0")]
    public void ValidForms_AreRead(string url, string host, int port, int database, bool tls, string shown)
    {
        var parsed = RedisUrl.Parse(url);
        Assert.Equal((host, port, database, tls, false), (parsed.Host, parsed.Port, parsed.Database, parsed.Tls, parsed.HasPassword));
        Assert.Equal(shown, parsed.ToString());
    }

    [Theory]
    [InlineData("redis://:s3cr%40t%3A%2F@host:6379/1")]
    [InlineData("redis://alice:s3cr3t@host:6379/1")]
    [InlineData("rediss://default:s3cr3t@host:6379/1")]
    [InlineData("host:6379,password=s3cr3t,defaultDatabase=1")]
    public void Passwords_AreRead_ButNeverShown(string url)
    {
        var parsed = RedisUrl.Parse(url);
        Assert.True(parsed.HasPassword);
        Assert.Equal("host", parsed.Host);
        Assert.Equal(1, parsed.Database);
        Assert.DoesNotContain("s3cr", parsed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", parsed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis://host\n:6379", "control character")]
    [InlineData("redis://ho\0st", "control character")]
    [InlineData("\u001b[31mredis://host", "control character")]
    [InlineData("redis://:pass\u007fword@host", "control character")]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("http://host:6379", "scheme 'http' is not redis:// or rediss://")]
    [InlineData("postgresql://user:s3cr3t@host/db", "scheme 'postgresql' is not")]
    [InlineData("ht tp://host", "scheme is not redis://")]
    [InlineData("://host", "scheme is not redis://")]
    [InlineData("redis://", "names no host")]
    [InlineData("redis://:s3cr3t@", "names no host")]
    [InlineData("redis://:6379", "names no host")]
    [InlineData("redis://host:0", "port is not a number from 1 to 65535")]
    [InlineData("redis://host:65536", "port is not a number from 1 to 65535")]
    [InlineData("redis://host:-1", "port is not a number from 1 to 65535")]
    [InlineData("redis://host:+80", "port is not a number from 1 to 65535")]
    [InlineData("redis://host:abc", "port is not a number from 1 to 65535")]
    [InlineData("redis://host:", "port is not a number from 1 to 65535")]
    [InlineData("redis://host:99999999999999999999", "port is not a number from 1 to 65535")]
    [InlineData("redis://host:٣٣", "port is not a number from 1 to 65535")]
    [InlineData("redis://host/abc", "not a database number")]
    [InlineData("redis://host/1/2", "not a database number")]
    [InlineData("redis://host//1", "not a database number")]
    [InlineData("redis://host/-1", "not a database number")]
    [InlineData("redis://host/1234567890", "not a database number")]
    [InlineData("redis://host?ssl=true", "query or a fragment")]
    [InlineData("redis://host/0#top", "query or a fragment")]
    [InlineData("redis://ho st", "not a host name or an IP address")]
    [InlineData("redis://h*st", "not a host name or an IP address")]
    [InlineData("redis://hôst", "not a host name or an IP address")]
    [InlineData("redis://:s3cr3t/@host", "percent-encode '/', '?' and '#'")]
    [InlineData("redis://:s3cr3t#@host", "percent-encode '/', '?' and '#'")]
    [InlineData("redis://[zz]:1", "not a valid IPv6 address")]
    [InlineData("redis://[::1", "not a valid IPv6 address")]
    [InlineData("redis://[127.0.0.1]", "not a valid IPv6 address")]
    [InlineData("redis://[::1]x", "not a valid IPv6 address")]
    [InlineData("host,password=s3cr3t,nosuchoption=1", "configuration string has an unknown option or an option with a bad value")]
    [InlineData("password=s3cr3t", "names no server")]
    [InlineData("host:99999,password=s3cr3t", "names a port outside 1-65535")]
    [InlineData("host:abc,password=s3cr3t", "configuration string")]
    [InlineData(",,,", "names no server")]
    [InlineData("host,ssl=s3cr3t", "an option with a bad value")]
    [InlineData("=,password=s3cr3t", "names a server that is not a host name")]
    [InlineData("good:1,b@d:2", "names a server that is not a host name")]
    [InlineData("host,connectTimeout=s3cr3t", "an option with a bad value")]
    public void HostileOrMalformedInput_IsOneClearLine_ThatShowsNoPassword(string url, string problem)
    {
        var error = Assert.Throws<MixConfigurationException>(() => RedisUrl.Parse(url));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.Equal([error.Message], error.Problems);
    }

    [Fact]
    public void HugeInput_IsRefused_BeforeAnyParsing()
    {
        var error = Assert.Throws<MixConfigurationException>(() => RedisUrl.Parse("redis://" + new string('a', 1_000_000)));
        Assert.Equal("the Redis URL is longer than 4096 characters", error.Message);
        Assert.Throws<MixConfigurationException>(() => RedisUrl.Parse("redis://" + new string('a', 300) + ":6379"));
    }

    [Fact]
    public void HugeSchemes_AreNotRepeated() =>
        Assert.DoesNotContain("xxxx", Assert.Throws<MixConfigurationException>(() => RedisUrl.Parse(new string('x', 100) + "://h")).Message, StringComparison.Ordinal);

    [Fact]
    public void Null_IsAnArgumentError() => Assert.Throws<ArgumentNullException>(() => RedisUrl.Parse(null!));
}
