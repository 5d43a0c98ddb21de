using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Redis;

/// <summary>
/// Where a Redis server is: <c>redis://host:port/db</c>, <c>redis://user:password@host:port/db</c> (the user and the
/// password percent-encoded; <c>redis://:password@host</c> for a password alone), <c>rediss://…</c> for TLS, or a
/// StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true</c>). The port defaults to 6379 and the
/// database to 0. <see cref="ToString"/> never shows the password, and neither does any parse error.
/// </summary>
public sealed class RedisUrl
{
    /// <summary>The longest URL or configuration string accepted.</summary>
    public const int MaxLength = 4096;

    /// <summary>The port when a URL names none.</summary>
    public const int DefaultPort = 6379;

    private const string Forms = "use redis://host:port/db, rediss://host:port/db for TLS, or a StackExchange.Redis configuration string";

    private readonly ConfigurationOptions _configuration;

    private RedisUrl(ConfigurationOptions configuration, string host, int port, int database)
    {
        _configuration = configuration;
        Host = host;
        Port = port;
        Database = database;
    }

    /// <summary>The server's host name or IP address (the first one named, for a configuration string).</summary>
    public string Host { get; }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>The database number.</summary>
    public int Database { get; }

    /// <summary>Whether the connection uses TLS.</summary>
    public bool Tls => _configuration.Ssl;

    /// <summary>Whether a password is given (it is never shown).</summary>
    public bool HasPassword => !string.IsNullOrEmpty(_configuration.Password);

    /// <summary>Reads <paramref name="url"/>; a problem is a <see cref="MixConfigurationException"/> with a one-line
    /// message that does not repeat the input.</summary>
    public static RedisUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > MaxLength)
        {
            throw Problem($"the Redis URL is longer than {MaxLength} characters");
        }

        if (url.Any(char.IsControl))
        {
            throw Problem("the Redis URL contains a control character");
        }

        url = url.Trim();
        if (url.Length == 0)
        {
            throw Problem("the Redis URL is empty: " + Forms);
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        return schemeEnd >= 0 && !url.AsSpan(0, schemeEnd).ContainsAny(",=")
            ? ParseUrl(url[..schemeEnd], url[(schemeEnd + 3)..])
            : ParseConfigurationString(url);
    }

    /// <summary>A copy of the StackExchange.Redis configuration this address stands for.</summary>
    internal ConfigurationOptions ToConfiguration() => _configuration.Clone();

    /// <summary>The address without any user or password: <c>redis://host:port/db</c> or <c>rediss://…</c>.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return string.Create(CultureInfo.InvariantCulture, $"{(Tls ? "rediss" : "redis")}://{host}:{Port}/{Database}");
    }

    private static RedisUrl ParseUrl(string scheme, string rest)
    {
        var tls = scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase);
        if (!tls && !scheme.Equals("redis", StringComparison.OrdinalIgnoreCase))
        {
            var shown = scheme.Length is > 0 and <= 16 && scheme.All(char.IsAsciiLetterOrDigit) ? $"'{scheme}' " : "";
            throw Problem($"the Redis URL's scheme {shown}is not redis:// or rediss://: " + Forms);
        }

        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var path = authorityEnd < 0 ? "" : rest[authorityEnd..];
        if (path.Contains('@', StringComparison.Ordinal))
        {
            throw Problem("the Redis URL has an '@' after its host: percent-encode '/', '?' and '#' in a user name or password (%2F, %3F, %23)");
        }

        if (path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            throw Problem("the Redis URL has a query or a fragment: give options in a StackExchange.Redis configuration string instead");
        }

        var configuration = new ConfigurationOptions { Ssl = tls };
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            ReadUserInfo(authority[..at], configuration);
            authority = authority[(at + 1)..];
        }

        var (host, port) = ReadHostAndPort(authority);
        var database = ReadDatabase(path);
        configuration.EndPoints.Add(IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port));
        configuration.DefaultDatabase = database;
        if (tls)
        {
            configuration.SslHost = host;
        }

        return new RedisUrl(configuration, host, port, database);
    }

    private static void ReadUserInfo(string userInfo, ConfigurationOptions configuration)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        if (user.Length > 0)
        {
            configuration.User = user;
        }

        if (password.Length > 0)
        {
            configuration.Password = password;
        }
    }

    private static (string Host, int Port) ReadHostAndPort(string authority)
    {
        string host;
        string? port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(authority[1..close], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                throw Problem("the Redis URL's host is not a valid IPv6 address in brackets");
            }

            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length > 0 && !after.StartsWith(':'))
            {
                throw Problem("the Redis URL's host is not a valid IPv6 address in brackets");
            }

            port = after.Length > 0 ? after[1..] : null;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            port = colon < 0 ? null : authority[(colon + 1)..];
            if (host.Length == 0)
            {
                throw Problem("the Redis URL names no host: " + Forms);
            }

            if (!IsHostName(host))
            {
                throw Problem("the Redis URL's host is not a host name or an IP address");
            }
        }

        return (host, port is null ? DefaultPort : ReadPort(port));
    }

    private static int ReadPort(string port) =>
        port.Length is > 0 and <= 5 && port.All(char.IsAsciiDigit) && int.Parse(port, CultureInfo.InvariantCulture) is >= 1 and <= 65535 and var number
            ? number
            : throw Problem("the Redis URL's port is not a number from 1 to 65535");

    private static int ReadDatabase(string path)
    {
        var number = path.TrimStart('/');
        if (path.Length <= 1)
        {
            return 0;
        }

        return path.Length - number.Length == 1 && number.Length is > 0 and <= 9 && number.All(char.IsAsciiDigit)
            ? int.Parse(number, CultureInfo.InvariantCulture)
            : throw Problem("the Redis URL's path is not a database number (/0, /1, …)");
    }

    private static RedisUrl ParseConfigurationString(string text)
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(text);
        }
        catch (ArgumentException e)
        {
            // The client's message repeats the value, which could be (part of) a password: say only what is wrong.
            throw Problem(e.ParamName == "port"
                ? "the Redis configuration string names a port outside 1-65535"
                : "the Redis configuration string has an unknown option or an option with a bad value");
        }

        if (configuration.EndPoints.Count == 0)
        {
            throw Problem("the Redis configuration string names no server: " + Forms);
        }

        if (configuration.EndPoints.OfType<DnsEndPoint>().Any(endPoint => !IsHostName(endPoint.Host)))
        {
            throw Problem("the Redis configuration string names a server that is not a host name or an IP address");
        }

        var (host, port) = configuration.EndPoints[0] switch
        {
            DnsEndPoint dns => (dns.Host, dns.Port),
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            var other => (other.ToString() ?? "", 0),
        };
        return new RedisUrl(configuration, host, port == 0 ? DefaultPort : port, configuration.DefaultDatabase ?? 0);
    }

    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static MixConfigurationException Problem(string message) => new(message);
}
