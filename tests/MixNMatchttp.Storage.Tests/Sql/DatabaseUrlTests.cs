using Microsoft.Data.Sqlite;
using MixNMatchttp.Storage.Sql;
using Npgsql;

namespace MixNMatchttp.Storage.Tests.Sql;

public sealed class DatabaseUrlTests
{
    private static NpgsqlConnectionStringBuilder Postgres(DatabaseUrl url)
    {
        Assert.Equal(SqlProvider.PostgreSql, url.Provider);
        return new NpgsqlConnectionStringBuilder(url.ConnectionString);
    }

    [Fact]
    public void SqliteUrls_NameARelativeOrAnAbsoluteFile_WithForeignKeysOn()
    {
        var relative = DatabaseUrl.Parse("sqlite:///data/users.db");
        Assert.Equal(SqlProvider.Sqlite, relative.Provider);
        Assert.Equal(Path.GetFullPath("data/users.db"), new SqliteConnectionStringBuilder(relative.ConnectionString).DataSource);
        Assert.Equal("sqlite:///data/users.db", relative.Redacted);

        var absolute = new SqliteConnectionStringBuilder(DatabaseUrl.Parse("sqlite:////var/lib/mnm/users.db").ConnectionString);
        Assert.Equal("/var/lib/mnm/users.db", absolute.DataSource);
        Assert.True(absolute.ForeignKeys);
        Assert.Equal("/tmp/ünï cødé.db", new SqliteConnectionStringBuilder(DatabaseUrl.Parse("SQLite:////tmp/ünï cødé.db").ConnectionString).DataSource);
    }

    [Fact]
    public void PostgresUrl_DecodesUserAndPassword_MapsOptions_AndRedactsThePassword()
    {
        var url = DatabaseUrl.Parse("postgresql://al%20ice:p%40ss%3Aw%2Frd%25@db.example.org:6543/my%20app?sslmode=verify-full&application_name=mnm&connect_timeout=7");
        var builder = Postgres(url);
        Assert.Equal("al ice", builder.Username);
        Assert.Equal("p@ss:w/rd%", builder.Password);
        Assert.Equal("db.example.org", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("my app", builder.Database);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("mnm", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("postgresql://al%20ice:***@db.example.org:6543/my%20app?sslmode=verify-full&application_name=mnm&connect_timeout=7", url.Redacted);
        Assert.Equal(url.Redacted, url.ToString());
    }

    [Theory]
    [InlineData("postgres://u:pw@h/db")]
    [InlineData("postgresql+psycopg2://u:pw@h/db")]
    [InlineData("POSTGRESQL://u:pw@h:5432/db")]
    public void PostgresSchemeVariants_AreAccepted(string text)
    {
        var builder = Postgres(DatabaseUrl.Parse(text));
        Assert.Equal(("u", "pw", "h", 5432, "db"), (builder.Username, builder.Password, builder.Host, builder.Port, builder.Database));
    }

    [Fact]
    public void PostgresUrl_TakesIPv6Hosts_NoPassword_NoDatabase_AndAPasswordInTheQuery()
    {
        var ipv6 = Postgres(DatabaseUrl.Parse("postgresql://u@[::1]:5433/db"));
        Assert.Equal(("::1", 5433, null), (ipv6.Host, ipv6.Port, ipv6.Password));
        Assert.Null(Postgres(DatabaseUrl.Parse("postgresql://h")).Database);
        var query = DatabaseUrl.Parse("postgresql://u@h/db?password=s3cret");
        Assert.Equal("s3cret", Postgres(query).Password);
        Assert.Equal("postgresql://u@h/db?password=***", query.Redacted);
    }

    [Fact]
    public void ConnectionStrings_PickTheirProvider_AndHideThePassword()
    {
        var postgres = DatabaseUrl.Parse("Host=db;Username=u;Password=s3cret;Database=app");
        Assert.Equal("s3cret", Postgres(postgres).Password);
        Assert.DoesNotContain("s3cret", postgres.Redacted, StringComparison.Ordinal);
        Assert.Contains("Host=db", postgres.Redacted, StringComparison.Ordinal);

        var sqlite = DatabaseUrl.Parse("Data Source=/tmp/users.db;Foreign Keys=False");
        Assert.Equal(SqlProvider.Sqlite, sqlite.Provider);
        Assert.False(new SqliteConnectionStringBuilder(sqlite.ConnectionString).ForeignKeys);
        Assert.True(new SqliteConnectionStringBuilder(DatabaseUrl.Parse("Data Source=/tmp/users.db").ConnectionString).ForeignKeys);
    }

    [Fact]
    public void EnvUrl_ReadsTheVariable_AndNamesItWhenUnset()
    {
        var name = "MNM_TEST_DBURL_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, "postgresql://u:s3cret@h/db");
        try
        {
            Assert.Equal("s3cret", Postgres(DatabaseUrl.Parse("env:" + name)).Password);
            Environment.SetEnvironmentVariable(name, "env:OTHER");
            Assert.Contains("names another variable", Assert.Throws<MixConfigurationException>(() => DatabaseUrl.Parse("env:" + name)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Assert.Equal($"the environment variable {name} (named by env:{name}) is not set",
            Assert.Throws<MixConfigurationException>(() => DatabaseUrl.Parse("env:" + name)).Message);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("mysql://u:s3cret@h/db", "unsupported database scheme 'mysql'; use sqlite:///relative.db")]
    [InlineData("ünï://u:s3cret@h/db", "unsupported database scheme in the database URL")]
    [InlineData("://u:s3cret@h/db", "unsupported database scheme ''")]
    [InlineData("sqlite:///a\u0000b.db", "contains a control character")]
    [InlineData("postgresql://u:s3cret\r\n@h/db", "contains a control character")]
    [InlineData("postgresql://u:s3cret%0A@h/db", "password in the postgresql URL contains a control character")]
    [InlineData("postgresql://u:s3cret@h/db\u001b[31m", "contains a control character")]
    [InlineData("sqlite://", "in-memory SQLite database")]
    [InlineData("sqlite:///:memory:", "in-memory SQLite database")]
    [InlineData("Data Source=:memory:", "in-memory SQLite database")]
    [InlineData("sqlite://host/users.db", "names a file, not a host")]
    [InlineData("sqlite:///dir/", "not a directory")]
    [InlineData("postgresql://u:s3cret@h:99999/db", "port must be a number from 1 to 65535")]
    [InlineData("postgresql://u:s3cret@h:0/db", "port must be a number from 1 to 65535")]
    [InlineData("postgresql://u:s3cret@h:54x2/db", "port must be a number from 1 to 65535")]
    [InlineData("postgresql://u:s3cret@h:/db", "port must be a number from 1 to 65535")]
    [InlineData("postgresql://u:s3cret@/db", "names no host")]
    [InlineData("postgresql://u:s3cret@[::1/db", "unclosed '['")]
    [InlineData("postgresql://u:s3cret@h h/db", "invalid host")]
    [InlineData("postgresql://u:s3cret@h/db?sslmode=bogus", "invalid value for option 'sslmode'")]
    [InlineData("postgresql://u:s3cret@h/db?port=x", "invalid value for option 'port'")]
    [InlineData("postgresql://u:s3cret@h/db?frobnicate=1", "unknown option 'frobnicate'")]
    [InlineData("users.db", "neither a URL nor a connection string")]
    [InlineData("Foo=bar;Password=s3cret", "names no database")]
    [InlineData("Host=h;Password=s3cret;Bogus=1", "unknown key or an invalid value")]
    [InlineData("Data Source=x.db;Bogus=1", "unknown key or an invalid value")]
    [InlineData("Host=h;Password='s3cret", "malformed")]
    [InlineData("env:", "environment variable name")]
    [InlineData("env:BAD-NAME", "environment variable name")]
    [InlineData("env:1ST", "environment variable name")]
    public void HostileUrls_AreOneClearLine_WithoutThePassword(string text, string expected)
    {
        var error = Assert.Throws<MixConfigurationException>(() => DatabaseUrl.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Single(error.Problems);
    }

    [Fact]
    public void HugeUrls_AreRefused_BeforeParsing()
    {
        var huge = "postgresql://u:s3cret@h/" + new string('d', 1_000_000);
        Assert.Equal("the database URL is longer than 4096 characters", Assert.Throws<MixConfigurationException>(() => DatabaseUrl.Parse(huge)).Message);
        var longest = "sqlite:///" + new string('d', DatabaseUrl.MaxLength - 10);
        Assert.Equal(SqlProvider.Sqlite, DatabaseUrl.Parse(longest).Provider);
    }

    [Fact]
    public void UnknownScheme_NamesEverySupportedForm()
    {
        var message = Assert.Throws<MixConfigurationException>(() => DatabaseUrl.Parse("redis://h:6379/0")).Message;
        Assert.Equal("unsupported database scheme 'redis'; use sqlite:///relative.db, sqlite:////absolute/path.db, "
            + "postgresql://user:password@host:port/dbname (or postgres://), a connection string (Data Source=… or Host=…), or env:VARIABLE", message);
    }
}
