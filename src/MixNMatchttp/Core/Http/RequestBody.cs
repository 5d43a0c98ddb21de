using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>A request body read in full, and its parameters when it is JSON or a URL-encoded form (docs/behaviour.md, "The body").</summary>
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
        if (!HasBody(context))
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
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel's own framing errors that it reports as I/O failures (a chunk size that overflows).
            return (Empty, BadRequest("the request body could not be read (broken chunked framing)"));
        }

        return bytes.Length == 0 ? (Empty, null) : Decode(bytes, request.ContentType);
    }

    /// <summary>
    /// Reads a body nobody needed, for an observer: keeps its first <paramref name="keepBytes"/> bytes and counts the rest,
    /// up to <paramref name="maxBytes"/> (the count stops there). A body that cannot be read gives what was read of it.
    /// </summary>
    public static async ValueTask<(ReadOnlyMemory<byte> Start, long Length)> ReadStartAsync(HttpContext context, int keepBytes, long maxBytes)
    {
        if (!HasBody(context))
        {
            return (ReadOnlyMemory<byte>.Empty, 0);
        }

        var kept = new ArrayBufferWriter<byte>(Math.Clamp(keepBytes, 1, 4096));
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long length = 0;
        try
        {
            int count;
            while (length <= maxBytes && (count = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                var keep = (int)Math.Min(count, Math.Max(0, keepBytes - length));
                kept.Write(buffer.AsSpan(0, keep));
                length += count;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // What was read is what there is: the client went away or sent a broken body.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (kept.WrittenMemory, length);
    }

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength > 0
        || (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

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
            if (!Utf8.IsValid(bytes))
            {
                return (raw, BadRequest("the JSON body is not valid UTF-8"));
            }

            try
            {
                var json = JsonSerializer.Deserialize<JsonElement>(bytes);
                return HasOnlyTextStrings(bytes)
                    ? (new RequestBody(bytes, json, null), null)
                    : (raw, BadRequest("the JSON body has a string that is not valid Unicode (a lone surrogate escape)"));
            }
            catch (JsonException e)
            {
                return (raw, BadRequest($"the body is not valid JSON ({FirstLine(e.Message)})"));
            }
        }

        try
        {
            return FormFields.Parse(StrictUtf8.GetString(bytes)) is { } form
                ? (new RequestBody(bytes, null, form), null)
                : (raw, BadRequest("a form field is not valid UTF-8 once percent-decoded"));
        }
        catch (DecoderFallbackException)
        {
            return (raw, BadRequest("the form body is not valid UTF-8"));
        }
    }

    /// <summary>Whether every string and property name of a (well-formed) JSON text can be read as text: an escaped
    /// lone surrogate (<c>"\ud800"</c>) cannot, and would fail whoever reads it later.</summary>
    private static bool HasOnlyTextStrings(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
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
