using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MixNMatchttp;

/// <summary>
/// The certificate of the https listeners: loaded from PEM files, or self-signed for the hosts the server listens on.
/// Every file problem is one line naming the file and what is wrong with it (the runtime's own messages are vague:
/// "The key contents do not contain a PEM, the content is malformed, or the key does not match the certificate." for a
/// missing passphrase, a damaged key and a key of another certificate alike).
/// </summary>
internal static class CertificateLoader
{
    /// <summary>The most read from a certificate or key file: a PEM file is a few kilobytes.</summary>
    private const int MaxFileBytes = 1024 * 1024;

    private static readonly string[] KeyLabels = ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    /// <summary>The certificate of <paramref name="tls"/>'s files with its private key.</summary>
    /// <exception cref="MixConfigurationException">Every problem of the files, one line each.</exception>
    public static X509Certificate2 Load(TlsOptions tls)
    {
        if (tls.CertificateFile is null || tls.KeyFile is null)
        {
            throw new MixConfigurationException("TLS needs both a certificate file and a key file (or neither, for a self-signed certificate).");
        }

        var problems = new List<string>();
        using var certificate = ReadText(tls.CertificateFile, "TlsOptions.CertificateFile", problems) is { } certificatePem
            ? ReadCertificate(tls.CertificateFile, certificatePem, problems)
            : null;
        using var key = ReadText(tls.KeyFile, "TlsOptions.KeyFile", problems) is { } keyPem
            ? ReadKey(tls.KeyFile, keyPem, tls.KeyPassphrase, problems)
            : null;
        if (certificate is null || key is null)
        {
            throw new MixConfigurationException(problems);
        }

        try
        {
            return key is RSA rsa ? certificate.CopyWithPrivateKey(rsa) : certificate.CopyWithPrivateKey((ECDsa)key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new MixConfigurationException($"TlsOptions.KeyFile: the key in {Quote(tls.KeyFile)} does not match the certificate in {Quote(tls.CertificateFile)}.", e);
        }
    }

    /// <summary>A self-signed ECDSA P-256 certificate, valid for a year, for localhost, 127.0.0.1, ::1 and every host
    /// the server listens on (a name as a DNS name, an address as an IP address; the wildcards stand for no name).</summary>
    public static X509Certificate2 CreateSelfSigned(IEnumerable<ListenHost> hosts)
    {
        List<string> names = ["localhost"];
        List<IPAddress> addresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        foreach (var host in hosts)
        {
            if (host.Address is null)
            {
                AddOnce(names, host.Name);
            }
            else if (!host.Address.Equals(IPAddress.Any) && !host.Address.Equals(IPAddress.IPv6Any))
            {
                AddOnce(addresses, host.Address);
            }
        }

        var alternativeNames = new SubjectAlternativeNameBuilder();
        names.ForEach(alternativeNames.AddDnsName);
        addresses.ForEach(alternativeNames.AddIpAddress);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=MixNMatchttp self-signed", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        static void AddOnce<T>(List<T> list, T item)
        {
            if (!list.Contains(item))
            {
                list.Add(item);
            }
        }
    }

    /// <summary>The SHA-256 fingerprint as colon-separated upper-case hex pairs (<c>AB:CD:...</c>), as browsers show it.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        BitConverter.ToString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Replace('-', ':');

    private static string? ReadText(string file, string option, List<string> problems)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var bytes = new byte[MaxFileBytes + 1];
            var length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (length <= MaxFileBytes)
            {
                return System.Text.Encoding.UTF8.GetString(bytes, 0, length);
            }

            problems.Add($"{option}: {Quote(file)} is larger than {MaxFileBytes / 1024} KiB: not a PEM file.");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add($"{option}: {Quote(file)} does not exist.");
        }
        catch (UnauthorizedAccessException)
        {
            problems.Add($"{option}: {Quote(file)} cannot be read ({(Directory.Exists(file) ? "it is a directory" : "permission denied")}).");
        }
        catch (IOException e)
        {
            problems.Add($"{option}: {Quote(file)} cannot be read ({HttpSyntax.Printable(e.Message)}).");
        }

        return null;
    }

    /// <summary>The first certificate of the PEM text (the server's own; a chain after it is not sent).</summary>
    private static X509Certificate2? ReadCertificate(string file, string pem, List<string> problems)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            problems.Add($"TlsOptions.CertificateFile: {Quote(file)} holds a PEM certificate that cannot be decoded.");
            return null;
        }

        if (certificates.Count == 0)
        {
            problems.Add($"TlsOptions.CertificateFile: {Quote(file)} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
            return null;
        }

        foreach (var chained in certificates.Skip(1))
        {
            chained.Dispose();
        }

        return certificates[0];
    }

    /// <summary>The RSA or ECDSA private key of the PEM text: PKCS#8 (encrypted with <paramref name="passphrase"/> or
    /// not), PKCS#1 or SEC 1.</summary>
    private static AsymmetricAlgorithm? ReadKey(string file, string pem, string? passphrase, List<string> problems)
    {
        var label = KeyLabel(pem);
        if (label is null)
        {
            problems.Add(pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal)
                ? $"TlsOptions.KeyFile: {Quote(file)} is encrypted the legacy OpenSSL way, which is not supported: convert it to PKCS#8 (openssl pkcs8 -topk8)."
                : $"TlsOptions.KeyFile: {Quote(file)} holds no PEM private key (-----BEGIN PRIVATE KEY-----, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY).");
            return null;
        }

        var encrypted = label == "ENCRYPTED PRIVATE KEY";
        if (encrypted && string.IsNullOrEmpty(passphrase))
        {
            problems.Add($"TlsOptions.KeyFile: {Quote(file)} is encrypted: give its passphrase (TlsOptions.KeyPassphrase).");
            return null;
        }

        // An encrypted key of the other algorithm fails like a wrong passphrase: try both before saying which it is.
        foreach (var create in new Func<AsymmetricAlgorithm>[] { RSA.Create, ECDsa.Create })
        {
            var key = create();
            try
            {
                if (encrypted)
                {
                    key.ImportFromEncryptedPem(pem, passphrase);
                }
                else
                {
                    key.ImportFromPem(pem);
                }

                return key;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                key.Dispose();
            }
        }

        problems.Add(encrypted
            ? $"TlsOptions.KeyPassphrase: the key passphrase is wrong for {Quote(file)} (or the key is damaged)."
            : $"TlsOptions.KeyFile: {Quote(file)} holds a private key that is damaged or neither RSA nor ECDSA.");
        return null;
    }

    private static string? KeyLabel(string pem)
    {
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            if (KeyLabels.Contains(label))
            {
                return label;
            }

            rest = rest[fields.Location.End..];
        }

        return null;
    }

    private static string Quote(string file) => $"'{HttpSyntax.Printable(file)}'";
}
