namespace MixNMatchttp;

/// <summary>A rendered response body and its content type.</summary>
/// <param name="Body">The bytes to send.</param>
/// <param name="ContentType">The Content-Type header value.</param>
public sealed record Page(ReadOnlyMemory<byte> Body, string ContentType);
