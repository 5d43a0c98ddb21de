using System.Net.Sockets;
using System.Text;

namespace MixNMatchttp.Testing;

/// <summary>Sends request bytes as written over a TCP socket and reads the response until the server closes.</summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(int port, string request, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), cancel.Token);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancel.Token);
        return RawResponse.Parse(buffer.ToArray());
    }
}

/// <summary>A response as read off the wire: status line, headers in order, body bytes.</summary>
internal sealed class RawResponse
{
    private RawResponse(int status, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body, string raw)
    {
        Status = status;
        Headers = headers;
        Body = body;
        Raw = raw;
    }

    public int Status { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public byte[] Body { get; }

    public string Text => Encoding.UTF8.GetString(Body);

    public string Raw { get; }

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public static RawResponse Parse(byte[] bytes)
    {
        var raw = Encoding.UTF8.GetString(bytes);
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException($"Not an HTTP response: '{raw}'");
        }

        var lines = raw[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0].Trim(), p[1].Trim())).ToList();
        var headerBytes = Encoding.UTF8.GetByteCount(raw[..(end + 4)]);
        var body = bytes[headerBytes..];
        if (headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, body, raw);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = Array.IndexOf(body, (byte)'\n', position);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd - position).Trim().Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            output.Write(body, lineEnd + 1, size);
            position = lineEnd + 1 + size + 2;
        }

        return output.ToArray();
    }
}
