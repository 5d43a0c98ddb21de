using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace MixNMatchttp.Tests.Hosting;

public sealed class ListenTests
{
    private static MixServer Server(params string[] urls) =>
        MixServer.Create(new MixServerOptions { Listen = urls, ConfigureLogging = _ => { } }).Add(HostingTests.Ping());

    private static int PortOf(string url) => new Uri(url).Port;

    [Fact]
    public async Task OneServer_OnAnHttpAndAnHttpsUrl_AnswersOnBoth()
    {
        await using var app = Server("http://127.0.0.1:0", "https://127.0.0.1:0").Build();
        await app.StartAsync();

        Assert.Equal(2, app.Urls.Count);
        using var plain = new HttpClient();
        Assert.Equal("pong HTTP/1.1 False", await plain.GetStringAsync(new Uri(new Uri(app.Urls[0]), "/ping")));
        using var h2 = TestTls.Client(HttpVersion.Version20, certificate => certificate is not null && TestTls.Fingerprint(certificate) == app.CertificateFingerprint);
        Assert.Equal("pong HTTP/2 True", await h2.GetStringAsync(new Uri(new Uri(app.Urls[1]), "/ping")));
        using var h1 = TestTls.Client(HttpVersion.Version11, certificate => certificate is not null && TestTls.Fingerprint(certificate) == app.CertificateFingerprint);
        Assert.Equal("pong HTTP/1.1 True", await h1.GetStringAsync(new Uri(new Uri(app.Urls[1]), "/ping")));
    }

    [Fact]
    public async Task Urls_ShowEachListenerOnce_WithTheHostAsConfigured_AndTheBoundPort()
    {
        await using var app = Server("http://127.0.0.1:0", "https://LocalHost:0/").Build();
        Assert.Empty(app.Urls);
        await app.StartAsync();

        var http = PortOf(app.Urls[0]);
        var https = PortOf(app.Urls[1]);
        Assert.NotEqual(0, http);
        Assert.NotEqual(0, https);
        Assert.Equal([$"http://127.0.0.1:{http}", $"https://localhost:{https}"], app.Urls);
    }

    [Fact]
    public async Task HostName_InAUrl_IsResolved_AndServed()
    {
        await using var app = Server("https://localhost:0").Build();
        await app.StartAsync();

        X509Certificate2? seen = null;
        using var client = TestTls.Client(HttpVersion.Version11, certificate => (seen = certificate) is not null);
        Assert.Equal("pong HTTP/1.1 True", await client.GetStringAsync(new Uri(new Uri(app.Urls[0]), "/ping")));
        Assert.NotNull(seen);
        Assert.Equal(TestTls.Fingerprint(seen), app.CertificateFingerprint);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", app.CertificateFingerprint);
    }

    [Fact]
    public async Task CertificateFingerprint_IsNullWithoutHttps_AndThatOfTheFilesWithThem()
    {
        await using (var plain = Server("http://127.0.0.1:0").Build())
        {
            Assert.Null(plain.CertificateFingerprint);
        }

        using var dir = new TempDirectory();
        var (cert, key, certificate) = TestTls.WritePem(dir);
        var options = new MixServerOptions { Listen = ["https://127.0.0.1:0"], Tls = new TlsOptions { CertificateFile = cert, KeyFile = key }, ConfigureLogging = _ => { } };
        await using var app = MixServer.Create(options).Build();
        Assert.Equal(TestTls.Fingerprint(certificate), app.CertificateFingerprint);
    }

    [Fact]
    public async Task SelfSignedCertificate_ServedOnEveryHttpsListener_CoversTheirHosts()
    {
        await using var app = Server("https://localhost:0", "https://127.0.0.1:0").Build();
        await app.StartAsync();

        var seen = new List<X509Certificate2>();
        using var client = TestTls.Client(HttpVersion.Version11, certificate => { seen.Add(certificate!); return true; });
        foreach (var url in app.Urls)
        {
            await client.GetStringAsync(new Uri(new Uri(url), "/ping"));
        }

        Assert.Equal(2, seen.Count);
        Assert.All(seen, certificate => Assert.Equal(app.CertificateFingerprint, TestTls.Fingerprint(certificate)));
        var names = seen[0].Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.EnumerateIPAddresses());
    }

    [Fact]
    public void SelfSignedCertificate_NamesEveryHost_NamesAsDnsNames_AddressesAsIpAddresses_NotTheWildcards()
    {
        string[] hosts = ["www.example.test", "192.0.2.7", "[2001:db8::1]", "0.0.0.0", "::", "LOCALHOST", "127.0.0.1", "www.example.test"];

        using var certificate = CertificateLoader.CreateSelfSigned(hosts.Select(host => ListenHost.Parse(host)!));

        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost", "www.example.test"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("192.0.2.7"), IPAddress.Parse("2001:db8::1")], names.EnumerateIPAddresses());
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:21", "'ftp://127.0.0.1:21' has the scheme 'ftp': only http and https are served.")]
    [InlineData("127.0.0.1:80", "'127.0.0.1:80' must be http://HOST:PORT or https://HOST:PORT.")]
    [InlineData("http://127.0.0.1", "'http://127.0.0.1' has no port (0 picks a free one).")]
    [InlineData("http://127.0.0.1:", "'http://127.0.0.1:' has no port (0 picks a free one).")]
    [InlineData("http://[::1]", "'http://[::1]' has no port (0 picks a free one).")]
    [InlineData("http://127.0.0.1:70000", "'http://127.0.0.1:70000' has the port '70000': a port is a number from 0 to 65535 (0 picks a free one).")]
    [InlineData("http://127.0.0.1:-1", "'http://127.0.0.1:-1' has the port '-1': a port is a number from 0 to 65535 (0 picks a free one).")]
    [InlineData("http://127.0.0.1:+80", "'http://127.0.0.1:+80' has the port '+80': a port is a number from 0 to 65535 (0 picks a free one).")]
    [InlineData("http://127.0.0.1:99999999999", "'http://127.0.0.1:99999999999' has the port '99999999999': a port is a number from 0 to 65535 (0 picks a free one).")]
    [InlineData("http://127.0.0.1:8080/app", "'http://127.0.0.1:8080/app' has a path: a listen URL ends with the port (MixServerOptions.PathPrefix sets a path prefix).")]
    [InlineData("http://127.0.0.1:8080?x=1", "'http://127.0.0.1:8080?x=1' has a query or a fragment.")]
    [InlineData("http://127.0.0.1:8080/#top", "'http://127.0.0.1:8080/#top' has a query or a fragment.")]
    [InlineData("http://user:secret@127.0.0.1:8080", "'http://user:secret@127.0.0.1:8080' has user info (NAME@): give only HOST:PORT.")]
    [InlineData("http://127.0.0.1:80\r\nX: y", "'http://127.0.0.1:80\\x0d\\x0aX: y' has control characters or spaces.")]
    [InlineData("http://127.0.0.1:80\0", "'http://127.0.0.1:80\\x00' has control characters or spaces.")]
    [InlineData(" http://127.0.0.1:80", "' http://127.0.0.1:80' has control characters or spaces.")]
    [InlineData("http://bücher.example:80", "'http://bücher.example:80' has non-ASCII characters (write an international host name in its xn-- form).")]
    [InlineData("", "'' is empty: give http://HOST:PORT or https://HOST:PORT.")]
    [InlineData("http://:80", "'http://:80' has no host.")]
    [InlineData("http://::1:80", "'http://::1:80' has an IPv6 address without brackets: write it as [::1].")]
    [InlineData("http://[::1:80", "'http://[::1:80' has a '[' without its ']'.")]
    [InlineData("http://[::1]x:80", "'http://[::1]x:80' has something other than ':PORT' after the ']'.")]
    [InlineData("http://[127.0.0.1]:80", "'http://[127.0.0.1]:80': the host must be an IP address ([...] for IPv6; 0.0.0.0 or [::] for every address) or a host name, not '[127.0.0.1]'.")]
    [InlineData("http://127.1:80", "'http://127.1:80': the host must be an IP address ([...] for IPv6; 0.0.0.0 or [::] for every address) or a host name, not '127.1'.")]
    [InlineData("http://*:80", "'http://*:80': the host must be an IP address ([...] for IPv6; 0.0.0.0 or [::] for every address) or a host name, not '*'.")]
    [InlineData("http://under_score:80", "'http://under_score:80': the host must be an IP address ([...] for IPv6; 0.0.0.0 or [::] for every address) or a host name, not 'under_score'.")]
    [InlineData("http://-dash.example:80", "'http://-dash.example:80': the host must be an IP address ([...] for IPv6; 0.0.0.0 or [::] for every address) or a host name, not '-dash.example'.")]
    [InlineData("http://[fe80::1%25eth0]:80", "'http://[fe80::1%25eth0]:80': the host must be an IP address ([...] for IPv6; 0.0.0.0 or [::] for every address) or a host name, not '[fe80::1%25eth0]'.")]
    public void BadListenUrl_IsItsOwnProblemLine(string url, string problem)
    {
        var error = Assert.Throws<MixConfigurationException>(() => Server(url).Build());
        Assert.Equal("MixServerOptions.Listen: " + problem, Assert.Single(error.Problems));
    }

    [Fact]
    public void HugeListenUrl_IsRefused_AndShownCut()
    {
        var url = "http://" + new string('a', 100_000) + ":80";
        var error = Assert.Throws<MixConfigurationException>(() => Server(url).Build());
        Assert.Equal($"MixServerOptions.Listen: '{url[..100]}...' is longer than 300 characters.", Assert.Single(error.Problems));
    }

    [Fact]
    public void EveryBadListenUrl_IsReported_InOneException()
    {
        var error = Assert.Throws<MixConfigurationException>(() => Server("http://127.0.0.1:0", "ftp://a:1", "http://b", "https://c:1/x").Build());
        Assert.Equal(3, error.Problems.Count);
        Assert.Equal(
            ["MixServerOptions.Listen: 'ftp://a:1'", "MixServerOptions.Listen: 'http://b'", "MixServerOptions.Listen: 'https://c:1/x'"],
            error.Problems.Select(problem => problem[..problem.IndexOf('\'', "MixServerOptions.Listen: '".Length)] + "'"));
    }

    [Fact]
    public void UnresolvableHostName_IsAProblemNamingIt()
    {
        var error = Assert.Throws<MixConfigurationException>(() => Server("http://127.0.0.1:0", "http://no-such-host.invalid:8080").Build());
        Assert.StartsWith("MixServerOptions.Listen: 'http://no-such-host.invalid:8080': cannot resolve the listen address 'no-such-host.invalid' (", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void UnresolvableAddress_IsAProblemNamingIt()
    {
        var options = new MixServerOptions { Address = "no-such-host.invalid", Port = 0, ConfigureLogging = _ => { } };
        var error = Assert.Throws<MixConfigurationException>(() => MixServer.Create(options).Build());
        Assert.StartsWith("MixServerOptions.Address: cannot resolve the listen address 'no-such-host.invalid' (", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1\r\n", "'127.0.0.1\\x0d\\x0a'")]
    [InlineData("bücher.example", "'bücher.example'")]
    [InlineData("[127.0.0.1]", "'[127.0.0.1]'")]
    [InlineData("::1]", "'::1]'")]
    [InlineData("", "''")]
    public void BadAddress_IsAProblemNamingIt(string address, string quoted)
    {
        var options = new MixServerOptions { Address = address, Port = 0, ConfigureLogging = _ => { } };
        var error = Assert.Throws<MixConfigurationException>(() => MixServer.Create(options).Build());
        Assert.Equal($"MixServerOptions.Address: the listen address must be an IP address or a host name, not {quoted}.", Assert.Single(error.Problems));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}", "cannot listen on http://127.0.0.1:{0}: the address is already in use")]
    [InlineData("https://localhost:{0}", "cannot listen on https://localhost:{0} (127.0.0.1): the address is already in use")]
    public async Task PortInUse_FailsToStart_WithAOneLineIOException(string url, string message)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var app = Server("http://127.0.0.1:0", string.Format(System.Globalization.CultureInfo.InvariantCulture, url, port)).Build();

        var error = await Assert.ThrowsAsync<IOException>(() => app.StartAsync());

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, port), error.Message);
        Assert.Empty(app.Urls);
    }

    [Fact]
    public void Tls_WithoutAnyHttpsUrl_IsAProblem()
    {
        var options = new MixServerOptions { Listen = ["http://127.0.0.1:0"], Tls = new TlsOptions(), ConfigureLogging = _ => { } };
        var error = Assert.Throws<MixConfigurationException>(() => MixServer.Create(options).Build());
        Assert.Equal("MixServerOptions.Tls is set, but no MixServerOptions.Listen URL is https.", error.Message);
    }

    [Fact]
    public async Task Listen_ReplacesAddressAndPort()
    {
        var options = new MixServerOptions { Address = "not an address", Port = -1, Listen = ["http://127.0.0.1:0"], ConfigureLogging = _ => { } };
        await using var app = MixServer.Create(options).Add(HostingTests.Ping()).Build();
        await app.StartAsync();
        using var client = new HttpClient();
        Assert.Equal("pong HTTP/1.1 False", await client.GetStringAsync(new Uri(new Uri(app.Urls[0]), "/ping")));
    }

    [Fact]
    public async Task ListenChangedAfterBuild_DoesNotChangeTheServer()
    {
        var options = new MixServerOptions { Listen = ["http://127.0.0.1:0"], ConfigureLogging = _ => { } };
        await using var app = MixServer.Create(options).Build();
        options.Listen.Add("http://127.0.0.1:0");
        await app.StartAsync();
        Assert.Single(app.Urls);
    }

    [Fact]
    public async Task Address_MayBeLocalhost_AndIsShownAsConfigured()
    {
        var options = new MixServerOptions { Address = "localhost", Port = 0, ConfigureLogging = _ => { } };
        await using var app = MixServer.Create(options).Add(HostingTests.Ping()).Build();
        await app.StartAsync();
        Assert.Equal($"http://localhost:{PortOf(app.Urls[0])}", Assert.Single(app.Urls));
        using var client = new HttpClient();
        Assert.Equal("pong HTTP/1.1 False", await client.GetStringAsync(new Uri(new Uri(app.Urls[0]), "/ping")));
    }
}
