namespace MixNMatchttp;

/// <summary>TLS settings. With neither file set, a self-signed certificate is generated at start-up.</summary>
public sealed class TlsOptions
{
    /// <summary>PEM certificate (chain) file. Default: none.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key file; may be encrypted (PKCS#8) with <see cref="KeyPassphrase"/>. Default: none.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The passphrase of an encrypted key file. Default: none.</summary>
    public string? KeyPassphrase { get; set; }

    /// <summary>Whether a file is given (else the certificate is self-signed).</summary>
    internal bool HasFiles => CertificateFile is not null || KeyFile is not null;
}
