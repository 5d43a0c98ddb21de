using System.Net;

namespace MixNMatchttp;

/// <summary>HTML helpers for handlers that build pages.</summary>
public static class Html
{
    /// <summary>Escapes <c>&amp; &lt; &gt; " '</c> so that text can be put in HTML content or a quoted attribute.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Escapes only <c>&amp; &lt; &gt;</c>: enough for text between tags (never an attribute), and quotes and
    /// other characters stay as they are, so text that only looks like markup reads the same.</summary>
    public static string EscapeText(string? text) =>
        (text ?? string.Empty).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
