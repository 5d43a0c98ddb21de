using System.Text;

namespace MixNMatchttp;

/// <summary>A server-sent events response: each event is flushed as it is sent.</summary>
public sealed class ServerSentEvents
{
    private readonly Stream _body;
    private readonly CancellationToken _aborted;

    internal ServerSentEvents(Stream body, CancellationToken aborted)
    {
        _body = body;
        _aborted = aborted;
    }

    /// <summary>Sends an event; multi-line <paramref name="data"/> becomes several <c>data:</c> lines.</summary>
    public Task SendAsync(string data, string? name = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = new StringBuilder();
        AppendField(text, "event", name);
        AppendField(text, "id", id);
        foreach (var line in data.ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        return WriteAsync(text.Append('\n').ToString());
    }

    /// <summary>Sends a comment line, which clients ignore: a keep-alive.</summary>
    public Task SendCommentAsync(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return WriteAsync($": {comment.ReplaceLineEndings(" ")}\n\n");
    }

    private static void AppendField(StringBuilder text, string field, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"An event {field} cannot contain a line break.", field);
        }

        text.Append(field).Append(": ").Append(value).Append('\n');
    }

    private async Task WriteAsync(string text)
    {
        await _body.WriteAsync(Encoding.UTF8.GetBytes(text), _aborted);
        await _body.FlushAsync(_aborted);
    }
}
