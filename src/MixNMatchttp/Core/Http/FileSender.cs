using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>
/// Sends a file snapshot: validators (ETag, Last-Modified), 304 or 412 for the conditional headers (<see cref="Preconditions"/>),
/// 206 for a satisfiable Range (multipart/byteranges for several ranges), 416 when none is satisfiable. A snapshot in a
/// content coding, or a file compressed while it is sent, is always sent whole.
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

    /// <summary>Sends <paramref name="file"/>: in its coding when it is not identity (with <c>Content-Encoding</c>,
    /// never as ranges), else honouring a Range (and If-Range) on GET.</summary>
    public static Task SendAsync(RequestContext context, FileSnapshot file, string? contentDisposition = null)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        var identity = file.Coding == ContentCoding.Identity;
        if (identity)
        {
            headers.AcceptRanges = "bytes";
        }

        if (AnswerConditions(context, file, file.ETag) is { } answer)
        {
            return answer;
        }

        var ranges = identity && context.IsMethod(HttpMethods.Get) ? RequestedRanges(request, file) : null;
        if (ranges is null)
        {
            StartWhole(context, file.Coding, contentDisposition, file.ContentType, file.Length);
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

    /// <summary>
    /// Sends <paramref name="file"/> (identity, read from disk) compressed with <paramref name="coding"/> as it is read,
    /// at the fastest level: the length is not known beforehand (no <c>Content-Length</c>; chunked on HTTP/1.1), and
    /// the tag is the file's with the coding's suffix.
    /// </summary>
    public static async Task SendCompressingAsync(RequestContext context, FileSnapshot file, ContentCoding coding, string? contentDisposition)
    {
        if (AnswerConditions(context, file, coding.Tag(file.ETag)) is { } answer)
        {
            await answer;
            return;
        }

        if (context.IsMethod(HttpMethods.Head))
        {
            StartWhole(context, coding, contentDisposition, file.ContentType, length: null);
            return;
        }

        FileStream source;
        try
        {
            source = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            await SendUnreadableAsync(context);
            return;
        }

        await using (source)
        {
            StartWhole(context, coding, contentDisposition, file.ContentType, length: null);
            await using var compressor = coding.Compressing(context.Response.Body);
            await source.CopyToAsync(compressor, context.Aborted);
        }
    }

    /// <summary>Sets the validators; answers 304 or 412 when the request's conditions say so, else returns null.</summary>
    private static Task? AnswerConditions(RequestContext context, FileSnapshot file, string etag)
    {
        var headers = context.Response.Headers;
        headers.LastModified = file.LastModifiedHeader;
        headers.ETag = etag;
        return Preconditions.Evaluate(context.Request, etag, file.LastModified) switch
        {
            StatusCodes.Status304NotModified => context.SendEmptyAsync(StatusCodes.Status304NotModified),
            StatusCodes.Status412PreconditionFailed => context.SendErrorAsync(StatusCodes.Status412PreconditionFailed, "Precondition Failed", "the file is not the version the request's conditions name"),
            _ => null,
        };
    }

    /// <summary>Starts a 200 with the whole representation.</summary>
    private static void StartWhole(RequestContext context, ContentCoding coding, string? contentDisposition, string contentType, long? length)
    {
        var headers = context.Response.Headers;
        if (contentDisposition is not null)
        {
            headers.ContentDisposition = contentDisposition;
        }

        if (coding != ContentCoding.Identity)
        {
            headers.ContentEncoding = coding.Token();
        }

        context.StartResponse(StatusCodes.Status200OK, contentType, length);
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
