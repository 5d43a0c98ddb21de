namespace MixNMatchttp.Headers;

/// <summary>Options of the <see cref="CustomHeaders"/> module.</summary>
public sealed class CustomHeadersOptions
{
    /// <summary>
    /// Headers sent with every response, each written <c>"Name: value"</c> as on the command line
    /// (<c>-H 'X-Frame-Options: DENY'</c>). The name is everything before the first colon and must be a token; the
    /// value is the rest, without surrounding spaces, and may not be empty. A name given more than once is sent once per
    /// entry, in order. Checked when the server is built. Default: none.
    /// </summary>
    public IList<string> Headers { get; set; } = [];

    /// <summary>Adds a header given as a name and a value (checked when the server is built, like <see cref="Headers"/>).</summary>
    public CustomHeadersOptions Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Headers.Add($"{name}: {value}");
        return this;
    }
}
