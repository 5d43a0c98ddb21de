using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MixNMatchttp.Tests.Hosting;

/// <summary>Certificates and keys as PEM files, and HTTPS clients that accept one certificate.</summary>
internal static class TestTls
{
    private static readonly PbeParameters Encryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000);

    /// <summary>A self-signed RSA certificate for 127.0.0.1 and its PKCS#8 key (encrypted with
    /// <paramref name="passphrase"/> when given), as cert.pem and key.pem.</summary>
    public static (string Cert, string Key, X509Certificate2 Certificate) WritePem(TempDirectory dir, string? passphrase = null)
    {
        using var key = RSA.Create(2048);
        var certificate = SelfSigned(new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return (dir.File("cert.pem", certificate.ExportCertificatePem()), dir.File("key.pem", KeyPem(key, passphrase)), certificate);
    }

    /// <summary>A self-signed ECDSA P-256 certificate for 127.0.0.1 and its key, as ec-cert.pem and ec-key.pem.</summary>
    public static (string Cert, string Key, X509Certificate2 Certificate) WriteEcPem(TempDirectory dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = SelfSigned(new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256));
        return (dir.File("ec-cert.pem", certificate.ExportCertificatePem()), dir.File("ec-key.pem", key.ExportECPrivateKeyPem()), certificate);
    }

    /// <summary>The PKCS#8 PEM of <paramref name="key"/>, encrypted with <paramref name="passphrase"/> when given.</summary>
    public static string KeyPem(AsymmetricAlgorithm key, string? passphrase = null) =>
        passphrase is null ? key.ExportPkcs8PrivateKeyPem() : key.ExportEncryptedPkcs8PrivateKeyPem(passphrase, Encryption);

    /// <summary>The SHA-256 fingerprint as MixApp.CertificateFingerprint shows it.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>An HTTPS client of exactly <paramref name="version"/> that accepts the server's certificate when
    /// <paramref name="check"/> does (any certificate without it).</summary>
    public static HttpClient Client(Version version, Func<X509Certificate2?, bool>? check = null) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, _, _) => check?.Invoke(cert as X509Certificate2) ?? true },
    })
    {
        DefaultRequestVersion = version,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static X509Certificate2 SelfSigned(CertificateRequest request)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
