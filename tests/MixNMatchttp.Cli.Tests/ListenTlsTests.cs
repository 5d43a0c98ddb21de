using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MixNMatchttp.Cli.Tests;

/// <summary>Listening (--listen, -a, -p), TLS (-s, --cert, --key, --key-passphrase) and the RS256 JWT recipe, run as a process.</summary>
public sealed class ListenTlsTests
{
    private const string Passphrase = "pem pass phrase";

    [Fact]
    public async Task Listen_ServesHttpAndHttpsFromOneProcess_AndPrintsTheFingerprintOfTheCertificateItServes()
    {
        using var dir = new TempDirectory();
        dir.File("a.txt", "a");
        await using var cli = await CliProcess.StartAsync(dir.Path, "--listen", "http://127.0.0.1:0", "https://localhost:0");
        Assert.Equal(["http", "https"], cli.Urls.Select(url => url.Scheme));
        Assert.Equal("localhost", cli.Urls[1].Host);
        string? served = null;
        using var tls = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new() { RemoteCertificateValidationCallback = (_, certificate, _, _) => (served = certificate?.GetCertHashString(HashAlgorithmName.SHA256)) is not null },
        });
        Assert.Equal("a", await tls.GetStringAsync(new Uri(cli.Urls[1], "/a.txt")));
        using var plain = new HttpClient();
        Assert.Equal("a", await plain.GetStringAsync(new Uri(cli.Urls[0], "/a.txt")));
        Assert.Contains($"(self-signed) SHA-256 {string.Join(':', served!.Chunk(2).Select(pair => new string(pair)))}", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssl_WithAnEncryptedKey_TakesThePassphraseFromTheOptionStdinOrEnvironment()
    {
        using var dir = new TempDirectory();
        WritePem(dir.Path);
        string[] tls = ["-s", "-p", "0", "--cert", "cert.pem", "--key", "key.pem"];
        await using (var cli = await CliProcess.StartAsync(dir.Path, [.. tls, "--key-passphrase", Passphrase]))
        {
            Assert.Equal("https", cli.Url.Scheme);
            Assert.Contains("TLS certificate (", cli.Output, StringComparison.Ordinal);
        }

        await using (var cli = await CliProcess.StartAsync(dir.Path, Passphrase + "\n", CliProcess.NoEnvironment, [.. tls, "--key-passphrase", "-"]))
        {
            Assert.Equal("https", cli.Url.Scheme);
        }

        await using (var cli = await CliProcess.StartAsync(dir.Path, null, new Dictionary<string, string> { ["MIXNMATCHTTP_KEY_PASSPHRASE"] = Passphrase }, tls))
        {
            Assert.Equal("https", cli.Url.Scheme);
        }

        var wrong = await CliProcess.RunAsync(dir.Path, [.. tls, "--key-passphrase", "wrong"]);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Matches("^mixnmatchttp: error: .*passphrase is wrong", wrong.Errors);
        Assert.Single(wrong.Errors.Trim().Split('\n'));
    }

    [Fact]
    public async Task APortInUse_IsOneLine_AndExitCode1()
    {
        using var dir = new TempDirectory();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, output, errors) = await CliProcess.RunAsync(dir.Path, "-p", port);
        Assert.Equal(1, code);
        Assert.Equal($"mixnmatchttp: error: cannot listen on http://127.0.0.1:{port}: the address is already in use", errors.Trim());
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Address_TakesAHostName()
    {
        using var dir = new TempDirectory();
        await using var cli = await CliProcess.StartAsync(dir.Path, "-a", "localhost", "-p", "0");
        Assert.Equal("localhost", cli.Url.Host);
        using var client = new HttpClient { BaseAddress = cli.Url };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task JwtWithAnRsaKey_SignsRS256_AndPublishesTheJwks()
    {
        using var dir = new TempDirectory();
        using var rsa = RSA.Create(2048);
        dir.File("jwt.pem", rsa.ExportPkcs8PrivateKeyPem());
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "--auth", "jwt", "--jwt-priv-key", "jwt.pem", "--any-login");
        Assert.Contains("jwt auth (RS256)", cli.Output, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = cli.Url };
        var jwks = await client.GetStringAsync("/.well-known/jwks.json");
        Assert.Contains("\"kty\":\"RSA\"", jwks, StringComparison.Ordinal);
        using var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "eve", ["password"] = "x" }));
        var token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        var header = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(token.Split('.')[0])));
        Assert.Contains("\"alg\":\"RS256\"", header, StringComparison.Ordinal);
    }

    private static string Pad(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return base64 + new string('=', (4 - (base64.Length % 4)) % 4);
    }

    private static void WritePem(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Join(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Join(directory, "key.pem"), key.ExportEncryptedPkcs8PrivateKeyPem(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
    }
}
