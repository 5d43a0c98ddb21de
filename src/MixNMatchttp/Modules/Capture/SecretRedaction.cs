using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Capture;

/// <summary>
/// What <see cref="RequestCaptureOptions.RedactSecrets"/> hides from a captured request: the values of credential
/// headers, and of password and token fields in the query of the target, in URL-encoded forms and in JSON objects (at
/// any depth). Each value becomes <see cref="Redacted"/>; everything else stays as sent.
/// </summary>
internal static class SecretRedaction
{
    /// <summary>What a hidden value is replaced with.</summary>
    public const string Redacted = "[redacted]";

    private static readonly FrozenSet<string> SecretHeaders = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie");

    private static readonly FrozenSet<string> SecretFields = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "password", "new_password", "passwd", "token", "access_token", "refresh_token", "csrf_token");

    private static readonly byte[] RedactedJson = Encoding.UTF8.GetBytes($"\"{Redacted}\"");

    /// <summary>The value to keep for header <paramref name="name"/>.</summary>
    public static string HeaderValue(string name, string value) => SecretHeaders.Contains(name) ? Redacted : value;

    /// <summary>The request target with the values of secret query fields hidden; the path stays as sent.</summary>
    public static string Target(string target)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? target : string.Concat(target.AsSpan(0, query + 1), UrlEncoded(target[(query + 1)..]));
    }

    /// <summary>The body with the values of secret fields hidden, when it is a URL-encoded form or JSON; other bodies
    /// as they are. <paramref name="truncated"/> says the body is only the start of what was sent.</summary>
    public static byte[] Body(byte[] body, string? contentType, bool truncated)
    {
        if (body.Length == 0 || !MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return body;
        }

        var type = media.MediaType.Value ?? string.Empty;
        if (type.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // Latin-1 maps every byte to one character and back, so bytes that are not UTF-8 survive.
            return Encoding.Latin1.GetBytes(UrlEncoded(Encoding.Latin1.GetString(body)));
        }

        var json = type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        return json ? Json(body, truncated) : body;
    }

    /// <summary><c>a=1&amp;password=x</c> → <c>a=1&amp;password=[redacted]</c>; keys are compared percent-decoded.</summary>
    private static string UrlEncoded(string text)
    {
        var fields = text.Split('&');
        var changed = false;
        for (var i = 0; i < fields.Length; i++)
        {
            var equals = fields[i].IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0 && SecretFields.Contains(Uri.UnescapeDataString(fields[i][..equals].Replace('+', ' '))))
            {
                fields[i] = string.Concat(fields[i].AsSpan(0, equals + 1), Redacted);
                changed = true;
            }
        }

        return changed ? string.Join('&', fields) : text;
    }

    /// <summary>JSON with the value of every secret member replaced by <c>"[redacted]"</c>, the other bytes kept. A
    /// cut body is read as far as it goes and a secret value it ends in is hidden to the end; a body that is not JSON
    /// but names a secret field is hidden whole.</summary>
    private static byte[] Json(byte[] body, bool truncated)
    {
        var hidden = new List<(long Start, long End)>();
        var reader = new Utf8JsonReader(body, isFinalBlock: !truncated, state: default);
        var secret = false;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    secret = SecretFields.Contains(reader.GetString()!);
                    continue;
                }

                if (secret)
                {
                    var start = reader.TokenStartIndex;
                    var whole = reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();
                    hidden.Add((start, whole ? reader.BytesConsumed : body.Length));
                    secret = false;
                    if (!whole)
                    {
                        break;
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return NamesASecretField(body) ? Encoding.UTF8.GetBytes(Redacted) : body;
        }

        if (secret)
        {
            // the body ends inside a secret value (or before it starts): hide the rest, which follows the member's colon
            hidden.Add((reader.BytesConsumed, body.Length));
        }

        return hidden.Count == 0 ? body : Replace(body, hidden);
    }

    private static byte[] Replace(byte[] body, List<(long Start, long End)> hidden)
    {
        using var output = new MemoryStream(body.Length);
        var position = 0L;
        foreach (var (start, end) in hidden)
        {
            output.Write(body, (int)position, (int)(start - position));
            output.Write(RedactedJson);
            position = end;
        }

        output.Write(body, (int)position, (int)(body.Length - position));
        return output.ToArray();
    }

    private static bool NamesASecretField(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return SecretFields.Any(name => text.Contains($"\"{name}\"", StringComparison.OrdinalIgnoreCase));
    }
}
