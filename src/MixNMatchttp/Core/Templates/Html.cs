using System.Net;

namespace MixNMatchttp;

/// <summary>HTML helpers for handlers that build pages.</summary>
public static class Html
{
    /// <summary>Escapes <c>&amp; &lt; &gt; " '</c> so that text can be put in HTML content or a quoted attribute.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
