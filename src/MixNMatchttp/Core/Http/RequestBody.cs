using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>A request body read in full, and its parameters when it is JSON or a URL-encoded form (SPEC §1 step 3).</summary>
internal sealed class RequestBody
{
    public static readonly RequestBody Empty = new(ReadOnlyMemory<byte>.Empty, null, null);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private RequestBody(ReadOnlyMemory<byte> bytes, JsonElement? json, Dictionary<string, StringValues>? form)
    {
        Bytes = bytes;
        Json = json;
        Form = form;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public JsonElement? Json { get; }

    public Dictionary<string, StringValues>? Form { get; }

    /// <summary>Reads and decodes the body; a body that cannot be read or decoded yields a denial with a one-line reason.</summary>
    public static async ValueTask<(RequestBody Body, Denial? Error)> ReadAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength == 0
            || (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true))
        {
            return (Empty, null);
        }

        if (request.ContentLength > maxBytes)
        {
            return (Empty, TooLarge(maxBytes));
        }

        byte[] bytes;
        try
        {
            var read = await ReadAllAsync(request.Body, maxBytes, context.RequestAborted);
            if (read is null)
            {
                return (Empty, TooLarge(maxBytes));
            }

            bytes = read;
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            return (Empty, new Denial(e.StatusCode, "Bad Request", "the request body could not be read"));
        }

        return bytes.Length == 0 ? (Empty, null) : Decode(bytes, request.ContentType);
    }

    /// <summary>Decodes the body; one that cannot be decoded keeps its bytes (for observers) with a denial.</summary>
    private static (RequestBody, Denial?) Decode(byte[] bytes, string? contentType)
    {
        var raw = new RequestBody(bytes, null, null);
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return (raw, BadRequest("a request body needs a Content-Type header"));
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } mediaType)
        {
            return (raw, BadRequest("the Content-Type header cannot be parsed"));
        }

        var isJson = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase);
        var isForm = mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isForm)
        {
            return (raw, null);
        }

        var charset = media.Charset.Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return (raw, BadRequest($"the body's charset '{charset}' is not supported: send UTF-8"));
        }

        if (isJson)
        {
            // The parser checks the structure, not the text of strings: invalid UTF-8 would fail only when read.
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                return (raw, BadRequest("the JSON body is not valid UTF-8"));
            }

            try
            {
                return (new RequestBody(bytes, JsonSerializer.Deserialize<JsonElement>(bytes), null), null);
            }
            catch (JsonException e)
            {
                return (raw, BadRequest($"the body is not valid JSON ({FirstLine(e.Message)})"));
            }
        }

        try
        {
            return (new RequestBody(bytes, null, QueryHelpers.ParseQuery(StrictUtf8.GetString(bytes))), null);
        }
        catch (DecoderFallbackException)
        {
            return (raw, BadRequest("the form body is not valid UTF-8"));
        }
    }

    /// <summary>Reads the whole stream, or returns null as soon as it exceeds <paramref name="maxBytes"/>.</summary>
    private static async ValueTask<byte[]?> ReadAllAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var writer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = writer.GetMemory(4096);
            var count = await body.ReadAsync(memory, cancellationToken);
            if (count == 0)
            {
                return writer.WrittenSpan.ToArray();
            }

            writer.Advance(count);
            if (writer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }

    private static Denial BadRequest(string reason) => new(StatusCodes.Status400BadRequest, "Bad Request", reason);

    private static Denial TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, "Content Too Large", $"the request body exceeds {maxBytes} bytes");

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
