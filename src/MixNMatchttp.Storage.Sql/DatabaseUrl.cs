using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MixNMatchttp.Storage.Sql;

/// <summary>
/// A database named the way the original took it (SQLAlchemy style): <c>sqlite:///relative.db</c>,
/// <c>sqlite:////absolute/path.db</c>, <c>postgresql://user:password@host:port/dbname?sslmode=require</c> (also
/// <c>postgres://</c> and <c>postgresql+driver://</c>; user and password percent-decoded), or a native connection string
/// (<c>Data Source=…</c> for SQLite, <c>Host=…</c> for PostgreSQL). <c>env:NAME</c> reads any of these from the
/// environment variable NAME. Never print <see cref="ConnectionString"/>: it holds the password; <see cref="Redacted"/>
/// does not.
/// </summary>
public sealed class DatabaseUrl
{
    /// <summary>The longest URL or connection string accepted.</summary>
    public const int MaxLength = 4096;

    private const string Supported = "use sqlite:///relative.db, sqlite:////absolute/path.db, postgresql://user:password@host:port/dbname "
        + "(or postgres://), a connection string (Data Source=… or Host=…), or env:VARIABLE";

    // libpq's names for the query options that Npgsql spells differently.
    private static readonly Dictionary<string, string> PostgresOptionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
    };

    private DatabaseUrl(SqlProvider provider, string connectionString, string redacted)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Redacted = redacted;
    }

    /// <summary>SQLite or PostgreSQL.</summary>
    public SqlProvider Provider { get; }

    /// <summary>The provider's connection string, password included.</summary>
    public string ConnectionString { get; }

    /// <summary>The URL with its password replaced by <c>***</c>, for messages and logs.</summary>
    public string Redacted { get; }

    /// <summary>The redacted form.</summary>
    public override string ToString() => Redacted;

    /// <summary>Parses a database URL, a connection string or <c>env:NAME</c>.</summary>
    /// <exception cref="MixConfigurationException">One line saying what is wrong (never the password).</exception>
    public static DatabaseUrl Parse(string text)
    {
        Check(text, "the database URL");
        if (text.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = text[4..];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
            {
                throw new MixConfigurationException("env: must be followed by an environment variable name (letters, digits and '_')");
            }

            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new MixConfigurationException($"the environment variable {name} (named by env:{name}) is not set");
            }

            Check(value, $"the environment variable {name}");
            return value.StartsWith("env:", StringComparison.Ordinal)
                ? throw new MixConfigurationException($"the environment variable {name} names another variable: it must hold the database URL itself")
                : ParseValue(value);
        }

        return ParseValue(text);
    }

    private static void Check(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MixConfigurationException($"{what} is empty; {Supported}");
        }

        if (text.Length > MaxLength)
        {
            throw new MixConfigurationException($"{what} is longer than {MaxLength} characters");
        }

        if (text.Any(char.IsControl))
        {
            throw new MixConfigurationException($"{what} contains a control character");
        }
    }

    private static DatabaseUrl ParseValue(string text)
    {
        text = text.Trim();
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return text.Contains('=', StringComparison.Ordinal)
                ? ParseConnectionString(text)
                : throw new MixConfigurationException($"the database URL is neither a URL nor a connection string; {Supported}");
        }

        var scheme = text[..separator].ToLowerInvariant();
        var rest = text[(separator + 3)..];
        if (scheme == "sqlite")
        {
            return ParseSqlite(text, rest);
        }

        if (scheme is "postgresql" or "postgres" || scheme.StartsWith("postgresql+", StringComparison.Ordinal))
        {
            return ParsePostgres(rest);
        }

        var shown = scheme.Length <= 32 && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? $"'{scheme}'" : "in the database URL";
        throw new MixConfigurationException($"unsupported database scheme {shown}; {Supported}");
    }

    private static DatabaseUrl ParseSqlite(string text, string rest)
    {
        if (!rest.StartsWith('/'))
        {
            throw new MixConfigurationException(rest.Length == 0
                ? "an in-memory SQLite database would forget everything at exit: leave the option out to keep users and sessions in memory, or name a file (sqlite:///relative.db)"
                : "a sqlite URL names a file, not a host: sqlite:///relative.db or sqlite:////absolute/path.db");
        }

        var path = rest[1..];
        if (path.Length == 0 || path == ":memory:")
        {
            throw new MixConfigurationException("an in-memory SQLite database would forget everything at exit: leave the option out to keep users and sessions in memory, or name a file (sqlite:///relative.db)");
        }

        if (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new MixConfigurationException("a sqlite URL must name a file, not a directory");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), ForeignKeys = true, Pooling = true };
        return new DatabaseUrl(SqlProvider.Sqlite, builder.ConnectionString, text);
    }

    private static DatabaseUrl ParsePostgres(string rest)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        var redacted = new StringBuilder("postgresql://");
        var query = "";
        var questionMark = rest.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? "" : Decode(rest[(slash + 1)..], "database name");
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Decode(colon < 0 ? userInfo : userInfo[..colon], "user name");
            redacted.Append(Uri.EscapeDataString(builder.Username));
            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..], "password");
                redacted.Append(":***");
            }

            redacted.Append('@');
        }

        var (host, port) = SplitHostPort(authority);
        if (host.Length > 0)
        {
            builder.Host = host;
        }

        if (port is not null)
        {
            builder.Port = port.Value;
        }

        redacted.Append(authority);
        if (database.Length > 0)
        {
            builder.Database = database;
            redacted.Append('/').Append(Uri.EscapeDataString(database));
        }

        var shownQuery = new List<string>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals], "option name");
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..], $"value of option '{Printable(key)}'");
            var npgsqlKey = PostgresOptionNames.GetValueOrDefault(key, key);
            SetPostgresOption(builder, npgsqlKey, key, value);
            var secret = npgsqlKey.Contains("password", StringComparison.OrdinalIgnoreCase);
            shownQuery.Add($"{Uri.EscapeDataString(key)}={(secret ? "***" : Uri.EscapeDataString(value))}");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new MixConfigurationException("the postgresql URL names no host: postgresql://user:password@host:port/dbname");
        }

        if (shownQuery.Count > 0)
        {
            redacted.Append('?').AppendJoin('&', shownQuery);
        }

        return new DatabaseUrl(SqlProvider.PostgreSql, builder.ConnectionString, redacted.ToString());
    }

    private static void SetPostgresOption(NpgsqlConnectionStringBuilder builder, string npgsqlKey, string key, string value)
    {
        if (npgsqlKey == "SSL Mode")
        {
            // libpq writes verify-full, Npgsql VerifyFull.
            value = value.Replace("-", "", StringComparison.Ordinal);
        }

        try
        {
            builder[npgsqlKey] = value;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidCastException)
        {
            throw new MixConfigurationException(builder.ContainsKey(npgsqlKey) || PostgresOptionNames.ContainsKey(key)
                ? $"invalid value for option '{Printable(key)}' in the postgresql URL"
                : $"unknown option '{Printable(key)}' in the postgresql URL");
        }
    }

    private static (string Host, int? Port) SplitHostPort(string authority)
    {
        var host = authority;
        string? port = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new MixConfigurationException("the postgresql URL has an unclosed '[' in its host");
            }

            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                port = after.StartsWith(':') ? after[1..] : throw new MixConfigurationException("the postgresql URL has text after its IPv6 host");
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            if (colon >= 0)
            {
                host = authority[..colon];
                port = authority[(colon + 1)..];
            }
        }

        if (host.Any(c => c is '/' or '\\' or '@' or ' '))
        {
            throw new MixConfigurationException("the postgresql URL has an invalid host");
        }

        if (port is null)
        {
            return (host, null);
        }

        return port.Length is > 0 and <= 5 && port.All(char.IsAsciiDigit) && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 65535 and var number
            ? (host, number)
            : throw new MixConfigurationException("the postgresql URL's port must be a number from 1 to 65535");
    }

    private static DatabaseUrl ParseConnectionString(string text)
    {
        DbConnectionStringBuilder generic;
        try
        {
            generic = new DbConnectionStringBuilder { ConnectionString = text };
        }
        catch (ArgumentException)
        {
            throw new MixConfigurationException("the connection string is malformed (expected key=value pairs separated by ';')");
        }

        var keys = generic.Keys.Cast<string>().ToArray();
        bool Has(params string[] names) => keys.Any(key => names.Contains(key, StringComparer.OrdinalIgnoreCase));
        if (Has("Host", "Server"))
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(text);
                var shown = new NpgsqlConnectionStringBuilder(text);
                if (shown.Password is not null)
                {
                    shown.Password = "***";
                }

                shown.SslPassword = shown.SslPassword is null ? null : "***";
                return new DatabaseUrl(SqlProvider.PostgreSql, builder.ConnectionString, shown.ConnectionString);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidCastException or KeyNotFoundException)
            {
                throw new MixConfigurationException("the PostgreSQL connection string has an unknown key or an invalid value");
            }
        }

        if (Has("Data Source", "DataSource", "Filename"))
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(text);
                if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
                {
                    throw new MixConfigurationException("an in-memory SQLite database would forget everything at exit: name a file");
                }

                builder.ForeignKeys ??= true;
                if (builder.Password.Length > 0)
                {
                    builder.Password = "***";
                }

                return new DatabaseUrl(SqlProvider.Sqlite, new SqliteConnectionStringBuilder(text) { ForeignKeys = builder.ForeignKeys }.ConnectionString, builder.ConnectionString);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidCastException or KeyNotFoundException)
            {
                throw new MixConfigurationException("the SQLite connection string has an unknown key or an invalid value");
            }
        }

        throw new MixConfigurationException($"the connection string names no database: it needs Data Source=… (SQLite) or Host=… (PostgreSQL); {Supported}");
    }

    private static string Decode(string text, string what)
    {
        var decoded = Uri.UnescapeDataString(text);
        return decoded.Any(char.IsControl)
            ? throw new MixConfigurationException($"the {what} in the postgresql URL contains a control character")
            : decoded;
    }

    private static string Printable(string text) =>
        text.Length <= 40 && text.All(c => c >= ' ' && c < 0x7F) ? text : "…";
}
