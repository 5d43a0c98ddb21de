namespace MixNMatchttp;

/// <summary>A response body with <c>$NAME</c> / <c>${NAME}</c> fields and its content type (<c>$$</c> is a literal '$').</summary>
/// <param name="Body">The body text with fields.</param>
/// <param name="ContentType">The content type sent with it.</param>
public sealed record TemplatePage(string Body, string ContentType = "text/html; charset=utf-8");
