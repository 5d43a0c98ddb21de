using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>
/// Sends a file snapshot: validators (ETag, Last-Modified), 304 or 412 for the conditional headers (<see cref="Preconditions"/>),
/// 206 for a satisfiable Range (multipart/byteranges for several ranges), 416 when none is satisfiable.
/// </summary>
internal static class FileSender
{
    /// <summary>More ranges than this in one request are ignored and the whole file is sent (RFC 9110 §14.2).</summary>
    private const int MaxRanges = 16;

    /// <summary>Answers for a path that is not a regular file: 404 when nothing (or a directory) is there, 403 for a
    /// FIFO, socket or device node, which is never opened.</summary>
    public static Task RefuseAsync(RequestContext context, FileKind kind) => kind == FileKind.Other
        ? context.SendErrorAsync(StatusCodes.Status403Forbidden, "Forbidden", "not a regular file: only regular files and directories are served")
        : context.SendErrorAsync(StatusCodes.Status404NotFound, "Not Found");

    /// <summary>Answers for a regular file that cannot be opened.</summary>
    public static Task SendUnreadableAsync(RequestContext context) =>
        context.SendErrorAsync(StatusCodes.Status403Forbidden, "Forbidden", "the file cannot be read");

    public static Task SendAsync(RequestContext context, FileSnapshot file, string? contentDisposition = null)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.LastModified = file.LastModifiedHeader;
        headers.ETag = file.ETag;
        headers.AcceptRanges = "bytes";
        switch (Preconditions.Evaluate(request, file.ETag, file.LastModified))
        {
            case StatusCodes.Status304NotModified:
                return context.SendEmptyAsync(StatusCodes.Status304NotModified);
            case StatusCodes.Status412PreconditionFailed:
                return context.SendErrorAsync(StatusCodes.Status412PreconditionFailed, "Precondition Failed", "the file is not the version the request's conditions name");
        }

        var ranges = context.IsMethod(HttpMethods.Get) ? RequestedRanges(request, file) : null;
        if (ranges is null)
        {
            if (contentDisposition is not null)
            {
                headers.ContentDisposition = contentDisposition;
            }

            context.StartResponse(StatusCodes.Status200OK, file.ContentType, file.Length);
            return WriteAsync(context, file, 0, file.Length);
        }

        if (ranges.Count == 0)
        {
            headers.ContentRange = $"bytes */{file.Length}";
            return context.SendErrorAsync(StatusCodes.Status416RangeNotSatisfiable, "Range Not Satisfiable", $"the file has {file.Length} bytes");
        }

        if (contentDisposition is not null)
        {
            headers.ContentDisposition = contentDisposition;
        }

        if (ranges.Count == 1)
        {
            var (from, to) = ranges[0];
            headers.ContentRange = $"bytes {from}-{to}/{file.Length}";
            context.StartResponse(StatusCodes.Status206PartialContent, file.ContentType, to - from + 1);
            return WriteAsync(context, file, from, to - from + 1);
        }

        return SendMultipartAsync(context, file, ranges);
    }

    /// <summary>The satisfiable ranges requested, as inclusive (from, to) pairs; null to send the whole file
    /// (no Range, an If-Range that does not match, a malformed or abusive Range).</summary>
    private static List<(long From, long To)>? RequestedRanges(HttpRequest request, FileSnapshot file)
    {
        var rangeHeader = request.Headers.Range;
        if (rangeHeader.Count != 1 || !RangeHeaderValue.TryParse(rangeHeader.ToString(), out var range)
            || !range.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count > MaxRanges)
        {
            return null;
        }

        if (!Preconditions.IfRangeAllows(request, file.ETag, file.LastModified))
        {
            return null;
        }

        var satisfiable = new List<(long, long)>();
        foreach (var item in range.Ranges)
        {
            if (item.From is { } from)
            {
                if (from < file.Length)
                {
                    satisfiable.Add((from, Math.Min(item.To ?? long.MaxValue, file.Length - 1)));
                }
            }
            else if (item.To is > 0 and var suffix && file.Length > 0)
            {
                satisfiable.Add((Math.Max(0, file.Length - suffix), file.Length - 1));
            }
        }

        return satisfiable;
    }

    private static async Task SendMultipartAsync(RequestContext context, FileSnapshot file, List<(long From, long To)> ranges)
    {
        var boundary = Guid.NewGuid().ToString("N");
        var parts = ranges.Select(r => (r.From, r.To, Head: Encoding.ASCII.GetBytes(
            $"\r\n--{boundary}\r\nContent-Type: {file.ContentType}\r\nContent-Range: bytes {r.From}-{r.To}/{file.Length}\r\n\r\n"))).ToList();
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        var length = parts.Sum(p => p.Head.Length + (p.To - p.From + 1)) + tail.Length;
        context.StartResponse(StatusCodes.Status206PartialContent, $"multipart/byteranges; boundary={boundary}", length);
        foreach (var (from, to, head) in parts)
        {
            await context.Response.Body.WriteAsync(head, context.Aborted);
            await WriteAsync(context, file, from, to - from + 1);
        }

        await context.Response.Body.WriteAsync(tail, context.Aborted);
    }

    private static Task WriteAsync(RequestContext context, FileSnapshot file, long offset, long count)
    {
        if (context.IsMethod(HttpMethods.Head) || count == 0)
        {
            return Task.CompletedTask;
        }

        return file.Data is { } data
            ? context.Response.Body.WriteAsync(data.AsMemory((int)offset, (int)count)).AsTask()
            : context.Response.SendFileAsync(file.Path, offset, count, context.Aborted);
    }
}
