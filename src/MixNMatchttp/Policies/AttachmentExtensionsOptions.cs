namespace MixNMatchttp;

/// <summary>Options of the <see cref="AttachmentExtensions"/> module.</summary>
public sealed class AttachmentExtensionsOptions
{
    /// <summary>File name endings served as downloads, with or without the leading dot (<c>.pdf</c>, <c>zip</c>,
    /// <c>.tar.gz</c>); compared without regard to case. Default: none.</summary>
    public IList<string> Extensions { get; set; } = [];
}
