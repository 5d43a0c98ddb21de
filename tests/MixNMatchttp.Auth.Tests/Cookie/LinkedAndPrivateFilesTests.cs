using System.Net;
using MixNMatchttp.Capture;
using MixNMatchttp.Files;
using MixNMatchttp.PathPolicies;

namespace MixNMatchttp.Auth.Tests.Cookie;

/// <summary>Protection follows what a request reaches, not only what it names: a symbolic link inside the root
/// does not open a protected or denied path, and the files the server itself uses are never served.</summary>
public sealed class LinkedAndPrivateFilesTests
{
    [Theory]
    [InlineData("/pub/page.txt", HttpStatusCode.OK)]
    [InlineData("/pub/", HttpStatusCode.Forbidden)] // the directory itself: no listing in this server
    [InlineData("/page-link.txt", HttpStatusCode.OK)]
    public async Task ALinkIntoAProtectedDirectory_IsProtectedLikeIt(string path, HttpStatusCode loggedInStatus)
    {
        await using var host = await CookieHost.StartAsync();
        var root = host.Root;
        File.WriteAllText(Path.Join(root, "secret", "page.txt"), "behind the link");
        File.CreateSymbolicLink(Path.Join(root, "pub"), Path.Join(root, "secret"));
        File.CreateSymbolicLink(Path.Join(root, "page-link.txt"), Path.Join(root, "secret", "page.txt"));

        var anonymous = await host.GetAsync(path, token: null);
        var loggedIn = await host.GetAsync(path, await host.LoginAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(loggedInStatus, loggedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/page.txt", token: null)).StatusCode);
    }

    [Fact]
    public async Task ALinkIntoADeniedDirectory_IsDeniedLikeIt()
    {
        using var root = new TempDirectory();
        root.File("private/notes.txt", "denied");
        root.File("open.txt", "open");
        File.CreateSymbolicLink(Path.Join(root.Path, "alias"), Path.Join(root.Path, "private"));
        await using var host = await TestHost.StartAsync(new DenyPaths(new() { Patterns = ["/private"] }), new StaticFiles(new() { Root = root.Path }));

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/alias/notes.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/private/notes.txt")).StatusCode);
        Assert.Equal("open", await host.Client.GetStringAsync("/open.txt"));
    }

    [Fact]
    public async Task TheUsersFile_AndTheCaptureLog_AreNeverServed_EvenFromTheRoot_NorThroughALink()
    {
        using var root = new TempDirectory();
        var usersFile = root.File("users.txt", "bob:B0b!Passw0rd:staff\n");
        root.File("index.txt", "public");
        File.CreateSymbolicLink(Path.Join(root.Path, "users-link.txt"), usersFile);
        var options = CookieHost.CheapOptions();
        options.UsersFile = usersFile;
        options.UsersFileHashed = false;
        options.UsersFilePasswordPolicy = false;
        var capture = new RequestCapture(new RequestCaptureOptions { LogFile = Path.Join(root.Path, "requests.jsonl") });
        await using var host = await TestHost.StartAsync(new CookieAuth(options), capture, new StaticFiles(new() { Root = root.Path }));
        var client = host.Client;

        Assert.Equal("public", await client.GetStringAsync("/index.txt"));
        foreach (var path in new[] { "/users.txt", "/users-link.txt", "/requests.jsonl" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task TheTlsKeyFile_IsNeverServed()
    {
        using var root = new TempDirectory();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var cert = root.File("cert.pem", certificate.ExportCertificatePem());
        var key = root.File("key.pem", rsa.ExportPkcs8PrivateKeyPem());
        var options = new MixServerOptions { Tls = new TlsOptions { CertificateFile = cert, KeyFile = key } };
        await using var host = await TestHost.StartAsync(options, new StaticFiles(new() { Root = root.Path }));
        using var client = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() } }) { BaseAddress = host.BaseAddress };

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/key.pem")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cert.pem")).StatusCode);
    }
}
