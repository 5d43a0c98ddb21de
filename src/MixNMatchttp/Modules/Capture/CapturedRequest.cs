using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MixNMatchttp.Capture;

/// <summary>
/// One request as <see cref="RequestCapture"/> recorded it. As JSON (<see cref="ToJson"/>, one line):
/// <c>{"id":1,"time":"…","client":"127.0.0.1","clientPort":50000,"method":"POST","target":"/a?b","protocol":"HTTP/1.1",
/// "headers":[{"name":"Host","value":"…"}],"body":"base64…","bodyLength":3,"truncated":false}</c>.
/// </summary>
public sealed class CapturedRequest
{
    private readonly byte[] _body;
    private string? _json;

    internal CapturedRequest(
        long id,
        DateTimeOffset time,
        string? clientAddress,
        int clientPort,
        string method,
        string target,
        string protocol,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        byte[] body,
        long bodyLength,
        bool truncated)
    {
        Id = id;
        Time = time;
        ClientAddress = clientAddress;
        ClientPort = clientPort;
        Method = method;
        Target = target;
        Protocol = protocol;
        Headers = headers;
        _body = body;
        BodyLength = bodyLength;
        Truncated = truncated;
    }

    /// <summary>The capture's number: 1 for the first request the module saw, then counting up.</summary>
    public long Id { get; }

    /// <summary>When the request had been read (the server's <see cref="TimeProvider"/>, UTC).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The client's IP address; null when the transport has none.</summary>
    public string? ClientAddress { get; }

    /// <summary>The client's port.</summary>
    public int ClientPort { get; }

    /// <summary>The request method.</summary>
    public string Method { get; }

    /// <summary>The request target exactly as sent (not decoded, not canonicalized), query included, secret query
    /// fields hidden (<see cref="RequestCaptureOptions.RedactSecrets"/>).</summary>
    public string Target { get; }

    /// <summary>The protocol, e.g. <c>HTTP/1.1</c>.</summary>
    public string Protocol { get; }

    /// <summary>The request headers, one entry per value, as Kestrel parsed them: a repeated header keeps its values
    /// in the order sent; well-known headers come first with their standard spelling, then the others with the
    /// spelling and in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body as received, up to <see cref="RequestCaptureOptions.MaxBodyBytes"/>, secret fields hidden
    /// (<see cref="RequestCaptureOptions.RedactSecrets"/>).</summary>
    public ReadOnlyMemory<byte> Body => _body;

    /// <summary>The length of the whole body.</summary>
    public long BodyLength { get; }

    /// <summary>Whether <see cref="Body"/> holds only the start of the body.</summary>
    public bool Truncated { get; }

    /// <summary>The request as a one-line JSON object; the body is base64.</summary>
    public string ToJson() => _json ??= Serialize();

    private string Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (_body.Length * 4 / 3));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id", Id);
            json.WriteString("time", Time);
            json.WriteString("client", ClientAddress);
            json.WriteNumber("clientPort", ClientPort);
            json.WriteString("method", Method);
            json.WriteString("target", Target);
            json.WriteString("protocol", Protocol);
            json.WriteStartArray("headers");
            foreach (var (name, value) in Headers)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("value", value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBase64String("body", _body);
            json.WriteNumber("bodyLength", BodyLength);
            json.WriteBoolean("truncated", Truncated);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
