using System.Net;
using System.Security.Cryptography;

namespace MixNMatchttp.Tests.Hosting;

public sealed class TlsFileTests
{
    private static MixConfigurationException BuildFails(string? cert, string? key, string? passphrase = null) =>
        Assert.Throws<MixConfigurationException>(() => MixServer.Create(new MixServerOptions
        {
            Listen = ["https://127.0.0.1:0"],
            Tls = new TlsOptions { CertificateFile = cert, KeyFile = key, KeyPassphrase = passphrase },
            ConfigureLogging = _ => { },
        }).Build());

    private static async Task<string> ServeAsync(string cert, string key, string? passphrase = null)
    {
        var options = new MixServerOptions { Listen = ["https://127.0.0.1:0"], Tls = new TlsOptions { CertificateFile = cert, KeyFile = key, KeyPassphrase = passphrase }, ConfigureLogging = _ => { } };
        await using var app = MixServer.Create(options).Add(HostingTests.Ping()).Build();
        await app.StartAsync();
        using var client = TestTls.Client(HttpVersion.Version11, certificate => certificate is not null && TestTls.Fingerprint(certificate) == app.CertificateFingerprint);
        return await client.GetStringAsync(new Uri(new Uri(app.Urls[0]), "/ping"));
    }

    [Fact]
    public void MissingCertificateFile_IsOneLine()
    {
        using var dir = new TempDirectory();
        var (_, key, _) = TestTls.WritePem(dir);
        var missing = Path.Join(dir.Path, "missing.pem");
        Assert.Equal($"TlsOptions.CertificateFile: '{missing}' does not exist.", BuildFails(missing, key).Message);
    }

    [Fact]
    public void MissingFileInAMissingDirectory_IsOneLine_WithControlCharactersEscaped()
    {
        using var dir = new TempDirectory();
        var (cert, _, _) = TestTls.WritePem(dir);
        Assert.Equal("TlsOptions.KeyFile: '/no/such/dir/a\\x0ab.pem' does not exist.", BuildFails(cert, "/no/such/dir/a\nb.pem").Message);
    }

    [Fact]
    public void DirectoryAsKeyFile_CannotBeRead()
    {
        using var dir = new TempDirectory();
        var (cert, _, _) = TestTls.WritePem(dir);
        Assert.Equal($"TlsOptions.KeyFile: '{dir.Path}' cannot be read (it is a directory).", BuildFails(cert, dir.Path).Message);
    }

    [Fact]
    public void GarbageCertificate_IsNotPem()
    {
        using var dir = new TempDirectory();
        var (_, key, _) = TestTls.WritePem(dir);
        var garbage = dir.File("garbage.pem", "this is not a certificate\n");
        Assert.Equal($"TlsOptions.CertificateFile: '{garbage}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).", BuildFails(garbage, key).Message);
    }

    [Fact]
    public void DamagedPemCertificate_CannotBeDecoded()
    {
        using var dir = new TempDirectory();
        var (_, key, _) = TestTls.WritePem(dir);
        var damaged = dir.File("damaged.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Assert.Equal($"TlsOptions.CertificateFile: '{damaged}' holds a PEM certificate that cannot be decoded.", BuildFails(damaged, key).Message);
    }

    [Fact]
    public void GarbageKey_IsNotPem()
    {
        using var dir = new TempDirectory();
        var (cert, _, _) = TestTls.WritePem(dir);
        var garbage = dir.File("garbage.pem", new byte[] { 0x30, 0x82, 0x00, 0xff, 0x00, 0x01 });
        Assert.Equal(
            $"TlsOptions.KeyFile: '{garbage}' holds no PEM private key (-----BEGIN PRIVATE KEY-----, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY).",
            BuildFails(cert, garbage).Message);
    }

    [Fact]
    public void DamagedKey_IsOneLine()
    {
        using var dir = new TempDirectory();
        var (cert, _, _) = TestTls.WritePem(dir);
        var damaged = dir.File("damaged.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Assert.Equal($"TlsOptions.KeyFile: '{damaged}' holds a private key that is damaged or neither RSA nor ECDSA.", BuildFails(cert, damaged).Message);
    }

    [Fact]
    public void LegacyEncryptedKey_SaysHowToConvertIt()
    {
        using var dir = new TempDirectory();
        var (cert, _, _) = TestTls.WritePem(dir);
        var legacy = dir.File("legacy.pem", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Assert.Equal(
            $"TlsOptions.KeyFile: '{legacy}' is encrypted the legacy OpenSSL way, which is not supported: convert it to PKCS#8 (openssl pkcs8 -topk8).",
            BuildFails(cert, legacy).Message);
    }

    [Fact]
    public void HugeFile_IsRefused()
    {
        using var dir = new TempDirectory();
        var (_, key, _) = TestTls.WritePem(dir);
        var huge = dir.File("huge.pem", new byte[(1024 * 1024) + 1]);
        Assert.Equal($"TlsOptions.CertificateFile: '{huge}' is larger than 1024 KiB: not a PEM file.", BuildFails(huge, key).Message);
    }

    [Fact]
    public void EncryptedKey_WithoutAPassphrase_AsksForIt()
    {
        using var dir = new TempDirectory();
        var (cert, key, _) = TestTls.WritePem(dir, "s3cret");
        Assert.Equal($"TlsOptions.KeyFile: '{key}' is encrypted: give its passphrase (TlsOptions.KeyPassphrase).", BuildFails(cert, key).Message);
        Assert.Equal($"TlsOptions.KeyFile: '{key}' is encrypted: give its passphrase (TlsOptions.KeyPassphrase).", BuildFails(cert, key, "").Message);
    }

    [Fact]
    public void EncryptedKey_WithAWrongPassphrase_SaysSo()
    {
        using var dir = new TempDirectory();
        var (cert, key, _) = TestTls.WritePem(dir, "s3cret");
        Assert.Equal($"TlsOptions.KeyPassphrase: the key passphrase is wrong for '{key}' (or the key is damaged).", BuildFails(cert, key, "S3CRET").Message);
    }

    [Fact]
    public void KeyOfAnotherCertificate_DoesNotMatch()
    {
        using var dir = new TempDirectory();
        var (cert, _, _) = TestTls.WritePem(dir);
        using var other = RSA.Create(2048);
        var key = dir.File("other.pem", TestTls.KeyPem(other));
        Assert.Equal($"TlsOptions.KeyFile: the key in '{key}' does not match the certificate in '{cert}'.", BuildFails(cert, key).Message);
    }

    [Fact]
    public void EncryptedKeyOfAnotherAlgorithm_DoesNotMatch_AndIsNotCalledAWrongPassphrase()
    {
        using var dir = new TempDirectory();
        var (cert, _, _) = TestTls.WritePem(dir);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = dir.File("other.pem", TestTls.KeyPem(other, "s3cret"));
        Assert.Equal($"TlsOptions.KeyFile: the key in '{key}' does not match the certificate in '{cert}'.", BuildFails(cert, key, "s3cret").Message);
    }

    [Fact]
    public void BadCertificate_AndBadKey_AreTwoProblems_InOneException()
    {
        using var dir = new TempDirectory();
        var garbage = dir.File("garbage.pem", "garbage");
        var error = BuildFails(garbage, Path.Join(dir.Path, "missing.pem"));
        Assert.Equal(
            [$"TlsOptions.CertificateFile: '{garbage}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).", $"TlsOptions.KeyFile: '{Path.Join(dir.Path, "missing.pem")}' does not exist."],
            error.Problems);
    }

    [Fact]
    public async Task EcdsaCertificate_WithItsSec1Key_IsServed()
    {
        using var dir = new TempDirectory();
        var (cert, key, _) = TestTls.WriteEcPem(dir);
        Assert.Equal("pong HTTP/1.1 True", await ServeAsync(cert, key));
    }

    [Fact]
    public async Task CertificateAndKey_InOneFile_AreServed()
    {
        using var dir = new TempDirectory();
        var (cert, key, _) = TestTls.WritePem(dir);
        var both = dir.File("both.pem", File.ReadAllText(cert) + "\n" + File.ReadAllText(key));
        Assert.Equal("pong HTTP/1.1 True", await ServeAsync(both, both));
    }

    [Fact]
    public async Task UnencryptedKey_WithAPassphrase_IsServed()
    {
        using var dir = new TempDirectory();
        var (cert, key, _) = TestTls.WritePem(dir);
        Assert.Equal("pong HTTP/1.1 True", await ServeAsync(cert, key, "unused"));
    }
}
