using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Tests.Hosting;

public sealed class HostingTests
{
    internal static TestModule Ping() => new(new() { ["ping"] = new() }, map => map.Get("ping", c => new(c.RenderAsync($"pong {c.Request.Protocol} {c.IsHttps}", "text/plain"))));

    [Fact]
    public async Task PortZero_PicksAFreePort_AndReportsTheBoundUrl()
    {
        await using var host = await TestHost.StartAsync(Ping());
        Assert.NotEqual(0, host.Port);
        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.Equal("pong HTTP/1.1 False", await host.Client.GetStringAsync("/ping"));
    }

    [Fact]
    public async Task Tls_FromPemFiles_ServesHttp11AndHttp2()
    {
        using var dir = new TempDirectory();
        var (cert, key, certificate) = TestTls.WritePem(dir);
        await using var host = await TestHost.StartAsync(new MixServerOptions { Tls = new TlsOptions { CertificateFile = cert, KeyFile = key } }, Ping());
        Assert.Equal("https", host.BaseAddress.Scheme);
        using var h2 = TestTls.Client(HttpVersion.Version20, c => c?.Thumbprint == certificate.Thumbprint);
        Assert.Equal("pong HTTP/2 True", await h2.GetStringAsync(new Uri(host.BaseAddress, "/ping")));
        using var h1 = TestTls.Client(HttpVersion.Version11);
        Assert.Equal("pong HTTP/1.1 True", await h1.GetStringAsync(new Uri(host.BaseAddress, "/ping")));
    }

    [Fact]
    public async Task Tls_WithAnEncryptedKey_AndItsPassphrase()
    {
        using var dir = new TempDirectory();
        var (cert, key, certificate) = TestTls.WritePem(dir, "s3cret");
        await using var host = await TestHost.StartAsync(new MixServerOptions { Tls = new TlsOptions { CertificateFile = cert, KeyFile = key, KeyPassphrase = "s3cret" } }, Ping());
        using var client = TestTls.Client(HttpVersion.Version11, c => c?.Thumbprint == certificate.Thumbprint);
        Assert.Equal("pong HTTP/1.1 True", await client.GetStringAsync(new Uri(host.BaseAddress, "/ping")));
    }

    [Fact]
    public void Tls_WithAWrongPassphrase_IsAClearStartupError()
    {
        using var dir = new TempDirectory();
        var (cert, key, _) = TestTls.WritePem(dir, "s3cret");
        var error = Assert.Throws<MixConfigurationException>(() => MixServer.Create(new MixServerOptions { Port = 0, Tls = new TlsOptions { CertificateFile = cert, KeyFile = key, KeyPassphrase = "wrong" } }).Build());
        Assert.Equal($"TlsOptions.KeyPassphrase: the key passphrase is wrong for '{key}' (or the key is damaged).", error.Message);
    }

    [Fact]
    public async Task Tls_WithoutFiles_UsesASelfSignedCertificate_AndLogsItsFingerprint()
    {
        X509Certificate2? seen = null;
        await using var host = await TestHost.StartAsync(new MixServerOptions { Tls = new TlsOptions() }, Ping());
        using var client = TestTls.Client(HttpVersion.Version20, c => { seen = c; return true; });
        Assert.Equal("pong HTTP/2 True", await client.GetStringAsync(new Uri(host.BaseAddress, "/ping")));
        Assert.NotNull(seen);
        var fingerprint = TestTls.Fingerprint(seen);
        Assert.Contains(host.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(fingerprint, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/missing/cert.pem", "/missing/key.pem", "does not exist")]
    [InlineData("/missing/cert.pem", null, "both a certificate file and a key file")]
    public void Tls_WithMissingFiles_IsAClearStartupError(string? cert, string? key, string message)
    {
        var error = Assert.Throws<MixConfigurationException>(() => MixServer.Create(new MixServerOptions { Tls = new TlsOptions { CertificateFile = cert, KeyFile = key } }).Build());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address", 0, "listen address")]
    [InlineData("127.0.0.1", 70000, "port")]
    public void BadListenSettings_AreClearStartupErrors(string address, int port, string message)
    {
        var error = Assert.Throws<MixConfigurationException>(() => MixServer.Create(new MixServerOptions { Address = address, Port = port }).Build());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("/api/")]
    [InlineData("/a/../b")]
    public void BadPrefixes_AreClearStartupErrors(string prefix) =>
        Assert.Throws<MixConfigurationException>(() => MixServer.Create(new MixServerOptions { EndpointPrefix = prefix }).Build());

    [Fact]
    public async Task Ipv6Loopback_IsServed()
    {
        var server = MixServer.Create(new MixServerOptions { Address = "::1", Port = 0, ConfigureLogging = _ => { } }).Add(Ping());
        await using var app = server.Build();
        await app.StartAsync();
        var url = new Uri(app.Urls[0]);
        Assert.Equal("[::1]", url.Host);
        using var client = new HttpClient();
        Assert.Equal("pong HTTP/1.1 False", await client.GetStringAsync(new Uri(url, "/ping")));
        await app.StopAsync();
    }

    [Fact]
    public async Task PortInUse_FailsToStart_WithAnIOException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var app = MixServer.Create(new MixServerOptions { Port = port, ConfigureLogging = _ => { } }).Add(Ping()).Build();
        await Assert.ThrowsAsync<IOException>(() => app.StartAsync());
    }

    [Fact]
    public async Task Shutdown_LetsInFlightRequestsFinish()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["slow"] = new() }, map => map.Get("slow", async c =>
        {
            started.SetResult();
            await release.Task;
            await c.RenderAsync("finished", "text/plain");
        })));
        var request = host.Client.GetStringAsync("/slow");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = host.StopAsync();
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        Assert.Equal("finished", await request.WaitAsync(TimeSpan.FromSeconds(10)));
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
