using System.Net;
using System.Text;

namespace MixNMatchttp.Tests.Http;

public sealed class ResponseHelperTests
{
    private static Task<TestHost> Host(EndpointHandler handler, params string[] methods) =>
        TestHost.StartAsync(new TestModule(new() { ["h"] = new() { AllowedMethods = methods.Length == 0 ? ["GET"] : methods, NArgs = NArgs.Any } }, map => map.Any("h", handler)));

    [Fact]
    public async Task Render_SendsBodyTypeStatusAndLength()
    {
        await using var host = await Host(c => new(c.RenderAsync("<p>hi</p>", "text/html; charset=utf-8", 201)));
        var response = await host.GetRawAsync("/h");
        Assert.Equal(201, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("9", response.Header("Content-Length"));
        Assert.Equal("<p>hi</p>", response.Text);
    }

    [Fact]
    public async Task SendJson_SerializesTheValue()
    {
        await using var host = await Host(c => new(c.SendJsonAsync(new { a = 1, b = new[] { "x" } })));
        var response = await host.Client.GetAsync("/h");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("""{"a":1,"b":["x"]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SavedParams_AreSentAsJson_ListsAccumulate()
    {
        await using var host = await Host(c =>
        {
            c.SaveParam("token", "t1");
            c.SaveParam("error", null);
            c.SaveParam("items", 1, isList: true);
            c.SaveParam("items", 2, isList: true);
            return new(c.SendSavedParamsAsync());
        });
        Assert.Equal("""{"token":"t1","error":null,"items":[1,2]}""", await host.Client.GetStringAsync("/h"));
    }

    [Fact]
    public async Task SendEmpty_Defaults204_AndTakesAStatus()
    {
        await using var host = await Host(c => new(c.SendEmptyAsync(c.Endpoint.Args == "accepted" ? 202 : 204)));
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.GetAsync("/h")).StatusCode);
        var accepted = await host.GetRawAsync("/h/accepted");
        Assert.Equal(202, accepted.Status);
        Assert.Equal("0", accepted.Header("Content-Length"));
    }

    [Fact]
    public async Task Redirect_UsesTheGotoParameter_OrAnswers200Empty()
    {
        await using var host = await Host(c => new(c.RedirectAsync()), "GET", "POST");
        var redirect = await host.Client.GetAsync("/h?goto=%2Fwhere%3Fx%3D1");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("/where?x=1", redirect.Headers.Location!.OriginalString);
        var form = await host.Client.PostAsync("/h", new FormUrlEncodedContent([new("goto", "https://example.test/")]));
        Assert.Equal("https://example.test/", form.Headers.Location!.OriginalString);
        var none = await host.Client.GetAsync("/h");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Empty(await none.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Redirect_ToAnAddressWithLineBreaks_Gets400_NotASplitResponse()
    {
        await using var host = await Host(c => new(c.RedirectAsync()));
        var response = await host.GetRawAsync("/h?goto=/x%0d%0aSet-Cookie:%20evil=1");
        Assert.Equal(400, response.Status);
        Assert.Null(response.Header("Set-Cookie"));
        Assert.Null(response.Header("Location"));
    }

    [Fact]
    public async Task SendFile_SendsTypeLengthDatesAndFileName_OptionallyAsAttachment()
    {
        using var dir = new TempDirectory();
        var path = dir.File("report é.pdf", "%PDF-1.4 test");
        await using var host = await Host(c => new(c.SendFileAsync(path, attachment: c.Endpoint.Args == "download")));
        var inline = await host.Client.GetAsync("/h");
        Assert.Equal("application/pdf", inline.Content.Headers.ContentType!.MediaType);
        Assert.Equal(13, inline.Content.Headers.ContentLength);
        Assert.NotNull(inline.Content.Headers.LastModified);
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("report é.pdf", inline.Content.Headers.ContentDisposition.FileNameStar);
        var download = await host.Client.GetAsync("/h/download");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("%PDF-1.4 test", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendFile_OfAMissingFile_Gets404()
    {
        await using var host = await Host(c => new(c.SendFileAsync("/nonexistent/file.txt")));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/h")).StatusCode);
    }

    [Fact]
    public async Task SendDownload_SendsBytesAsANamedAttachment()
    {
        await using var host = await Host(c => new(c.SendDownloadAsync(new byte[] { 1, 2, 3 }, "data.bin")));
        var response = await host.Client.GetAsync("/h");
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("data.bin", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal(new byte[] { 1, 2, 3 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ServerSentEvents_SplitMultiLineData_AndCarryNameAndId()
    {
        await using var host = await Host(async c =>
        {
            var events = await c.BeginEventStreamAsync();
            await events.SendAsync("one\ntwo\r\nthree", name: "update", id: "7");
            await events.SendAsync("plain");
            await events.SendCommentAsync("keep-alive");
        });
        var response = await host.GetRawAsync("/h");
        Assert.Equal("text/event-stream; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("event: update\nid: 7\ndata: one\ndata: two\ndata: three\n\ndata: plain\n\n: keep-alive\n\n", response.Text);
    }

    [Fact]
    public async Task ServerSentEvents_AreFlushedAsTheyAreSent()
    {
        var release = new TaskCompletionSource();
        await using var host = await Host(async c =>
        {
            var events = await c.BeginEventStreamAsync();
            await events.SendAsync("first");
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10));
        });
        using var response = await host.Client.GetAsync("/h", HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("data: first\n\n", Encoding.UTF8.GetString(buffer, 0, read));
        release.SetResult();
    }

    [Fact]
    public async Task Error_IsOneLineOfPlainText()
    {
        await using var host = await Host(c => new(c.SendErrorAsync(418, null, "short and stout")));
        var response = await host.GetRawAsync("/h");
        Assert.Equal(418, response.Status);
        Assert.Equal("I'm a teapot: short and stout\n", response.Text);
    }

    [Fact]
    public async Task HeadRequest_GetsTheGetHandlersHeaders_WithoutABody()
    {
        await using var host = await Host(c => new(c.RenderAsync("body text", "text/plain")));
        var response = await host.RawAsync("HEAD", "/h");
        Assert.Equal(200, response.Status);
        Assert.Equal("9", response.Header("Content-Length"));
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task StartingTwoResponses_IsAnError_TheClientStillGetsTheFirst()
    {
        await using var host = await Host(async c =>
        {
            await c.RenderAsync("first", "text/plain");
            await Assert.ThrowsAsync<InvalidOperationException>(() => c.RenderAsync("second", "text/plain"));
        });
        Assert.Equal("first", await host.Client.GetStringAsync("/h"));
    }
}
