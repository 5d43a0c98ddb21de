using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MixNMatchttp;

/// <summary>Loads the server certificate from PEM files, or makes a self-signed one.</summary>
internal static class CertificateLoader
{
    public static X509Certificate2 Load(TlsOptions tls)
    {
        if (tls.CertificateFile is null && tls.KeyFile is null)
        {
            return CreateSelfSigned();
        }

        if (tls.CertificateFile is null || tls.KeyFile is null)
        {
            throw new MixConfigurationException("TLS needs both a certificate file and a key file (or neither, for a self-signed certificate).");
        }

        foreach (var file in new[] { tls.CertificateFile, tls.KeyFile })
        {
            if (!File.Exists(file))
            {
                throw new MixConfigurationException($"The TLS file '{file}' does not exist.");
            }
        }

        try
        {
            return string.IsNullOrEmpty(tls.KeyPassphrase)
                ? X509Certificate2.CreateFromPemFile(tls.CertificateFile, tls.KeyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(tls.CertificateFile, tls.KeyPassphrase, tls.KeyFile);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new MixConfigurationException($"Cannot load the TLS certificate '{tls.CertificateFile}' with key '{tls.KeyFile}': {e.Message}", e);
        }
    }

    public static string Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=MixNMatchttp self-signed", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }
}
