using System.Net;
using MixNMatchttp.Cli.Tests;

namespace MixNMatchttp.Labs.Tests;

/// <summary>The <c>lab</c> command without a browser: its origins, its defaults and its refusals.</summary>
public sealed class LabCommandTests
{
    [Fact]
    public async Task StartUp_PrintsTheOriginMap_AndWhereToGo()
    {
        await using var lab = await LabServer.StartAsync();
        Assert.Contains($"  lab target:   {lab.Target} (holds the lab's /secret/secret.txt and /secret/secret.png)\n", lab.Output, StringComparison.Ordinal);
        Assert.Contains($"  lab attacker: {lab.SameSite} (same site, another origin)\n", lab.Output, StringComparison.Ordinal);
        Assert.Contains($"  lab attacker: {lab.CrossSite} (cross-site)\n", lab.Output, StringComparison.Ordinal);
        Assert.Contains($"  lab attacker: {lab.OtherScheme} (cross-site: another scheme)\n", lab.Output, StringComparison.Ordinal);
        Assert.Contains($"  open {lab.SameSite}/lab/ in a browser", lab.Output, StringComparison.Ordinal);
        Assert.Contains("  modules: cookie auth, cors, cache, goto, lab, request capture (memory)\n", lab.Output, StringComparison.Ordinal);

        using var client = lab.Client();
        Assert.Equal($$"""{"target":"{{lab.Target}}","attackers":["{{lab.SameSite}}","{{lab.CrossSite}}","{{lab.OtherScheme}}"]}""", await client.GetStringAsync("/lab/origins"));
        Assert.Contains("<title>MixNMatchttp browser labs</title>", await client.GetStringAsync("/lab/"), StringComparison.Ordinal);
        using var script = await client.GetAsync("/lab/lab.js");
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task TheSecrets_NeedALogin_AnyCredentialsLogIn()
    {
        await using var lab = await LabServer.StartAsync();
        using var client = lab.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/secret/secret.txt")).StatusCode);
        using var login = await client.GetAsync("/login?username=anyone&password=anything");
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var text = new HttpRequestMessage(HttpMethod.Get, "/secret/secret.txt") { Headers = { { "Cookie", cookie } } };
        Assert.Equal("lab-secret-7f3a9c2e: you read the target's secret\n", await (await client.SendAsync(text)).Content.ReadAsStringAsync());
        using var image = new HttpRequestMessage(HttpMethod.Get, "/secret/secret.png") { Headers = { { "Cookie", cookie } } };
        using var png = await client.SendAsync(image);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.ToString());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task WithARoot_TheSecretsAreTheRoots_AndAUsersFileReplacesAnyLogin()
    {
        using var dir = new TempDirectory();
        dir.File("www/secret/secret.txt", "mine");
        dir.File("users.txt", "alice:Al1ce!Passw0rd\n");
        await using var lab = await LabServer.StartAsync("-r", Path.Join(dir.Path, "www"), "--userfile", Path.Join(dir.Path, "users.txt"), "--userfile-plain");
        Assert.Contains("(holds your /secret/secret.txt and /secret/secret.png)", lab.Output, StringComparison.Ordinal);
        using var client = lab.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/login?username=alice&password=wrong")).StatusCode);
        using var login = await client.GetAsync("/login?username=alice&password=Al1ce!Passw0rd");
        using var secret = new HttpRequestMessage(HttpMethod.Get, "/secret/secret.txt") { Headers = { { "Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0] } } };
        Assert.Equal("mine", await (await client.SendAsync(secret)).Content.ReadAsStringAsync());
        Assert.Contains("MixNMatchttp browser labs", await client.GetStringAsync("/lab/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NamesTheLabCommand()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync(Path.GetTempPath(), "lab", "--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("       mixnmatchttp lab [options]\n", output, StringComparison.Ordinal);
        Assert.Contains("  lab                                 Serve the browser labs from one process", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "lab", "--port", "8080" }, "mixnmatchttp: error: --listen: the lab listens on several origins: give them as --listen URLs, the target first (not --address or --port)")]
    [InlineData(new[] { "lab", "--listen", "https://127.0.0.1:0", "http://127.0.0.1:1" }, "mixnmatchttp: error: --listen: the lab needs each origin's port: 'https://127.0.0.1:0' has none, or port 0")]
    [InlineData(new[] { "lab", "--listen", "https://127.0.0.1", "http://127.0.0.1:1" }, "mixnmatchttp: error: --listen: the lab needs each origin's port: 'https://127.0.0.1' has none, or port 0")]
    [InlineData(new[] { "lab", "--bogus" }, "mixnmatchttp: error: Unrecognized command or argument '--bogus'. (see mixnmatchttp --help)")]
    public async Task BadOptions_AreOneLineUsageErrors(string[] args, string error)
    {
        var (exitCode, _, errors) = await CliProcess.RunAsync(Path.GetTempPath(), args);
        Assert.Equal(2, exitCode);
        Assert.Equal(error, errors.Trim());
    }
}
