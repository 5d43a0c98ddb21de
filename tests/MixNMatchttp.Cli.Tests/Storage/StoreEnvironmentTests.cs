using System.Net;

namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>The server reads each store URL from its environment variable when the option is not given: the start-up
/// block names the store, and what the server keeps there lands in Redis.</summary>
[Collection(SharedStoreServers.Name)]
public sealed class StoreEnvironmentTests(StoreServers servers)
{
    private const string Password = "Env!R0nment-pw";

    [Fact]
    public async Task SessionsDbUrlVariable_KeepsSessionsInRedis()
    {
        var redis = await servers.NewRedisDatabaseUrlAsync();
        await using var server = await StartAsync("MIXNMATCHTTP_SESSIONS_DBURL", redis, "--auth", "cookie");
        Assert.Contains($"  stores: sessions in {redis}\n", server.Cli.Output, StringComparison.Ordinal);

        using var register = await server.Client.PostAsync("/register", Forms.Of(("username", "erin"), ("password", Password)));
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Single(await servers.RedisKeysAsync(redis), key => key.StartsWith("mixnmatchttp:session:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CacheUrlVariable_KeepsPagesInRedis()
    {
        var redis = await servers.NewRedisDatabaseUrlAsync();
        await using var server = await StartAsync("MIXNMATCHTTP_CACHE_URL", redis, "--cache");
        Assert.Contains($"  stores: page cache in {redis}\n", server.Cli.Output, StringComparison.Ordinal);

        using var saved = await server.Client.PostAsync("/cache/env-page", Forms.Of(("data", "<p>kept in Redis</p>"), ("type", "text/html")));
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Contains("mixnmatchttp:page-names", await servers.RedisKeysAsync(redis));
    }

    [Fact]
    public async Task LockoutUrlVariable_KeepsFailedLoginCountsInRedis()
    {
        var redis = await servers.NewRedisDatabaseUrlAsync();
        await using var server = await StartAsync("MIXNMATCHTTP_LOCKOUT_URL", redis, "--auth", "cookie");
        Assert.Contains($"  stores: lockout counts in {redis}\n", server.Cli.Output, StringComparison.Ordinal);

        using var login = await server.Client.PostAsync("/login", Forms.Of(("username", "mallory"), ("password", "wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("mixnmatchttp:lockout-account:mallory", await servers.RedisKeysAsync(redis));
    }

    private static Task<CliServer> StartAsync(string variable, string url, params string[] args) =>
        CliServer.StartAsync(dir => dir.File("secret/data.txt", "the secret"), new Dictionary<string, string> { [variable] = url }, args);
}
