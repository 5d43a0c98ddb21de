namespace MixNMatchttp.Tests.Files;

/// <summary>
/// A document root at &lt;tmp&gt;/root with a secret file next to it (&lt;tmp&gt;/secret.txt) and symbolic links
/// inside the root that lead out of it (escape → &lt;tmp&gt;, escape.txt → the secret) and one that stays in
/// (inner.txt → file.txt), plus index files that are links to secrets (leaky/index.html, leaky2/index.html).
/// No request target may reach a secret (docs/modules/static-files.md).
/// </summary>
public sealed class TraversalCorpusTests(TraversalCorpusTests.Tree tree) : IClassFixture<TraversalCorpusTests.Tree>
{
    public static TheoryData<string> Targets =>
    [
        "../secret.txt",
        "/../secret.txt",
        "/../../../../secret.txt",
        "/..",
        "/../",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/..%5Csecret.txt",
        "/%5c..%5csecret.txt",
        "/..\\secret.txt",
        "/\\..\\secret.txt",
        "/file.txt\\..\\..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%25%32%65%25%32%65/secret.txt",
        "/file.txt%00.html",
        "/%00",
        "/%00/../secret.txt",
        "/secret.txt%00",
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%ae%c0%ae%c0%afsecret.txt",
        "/%c0%af",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%ef%bc%8e%ef%bc%8e/secret.txt",
        "/%uff0e%uff0e/secret.txt",
        "/escape/secret.txt",
        "/escape/./secret.txt",
        "/escape/",
        "/escape",
        "/escape.txt",
        "/ESCAPE.TXT",
        "/escape/root/file.txt",
        "/escape/root/escape.txt",
        "/escape/root/escape/secret.txt",
        "/escape/root/../secret.txt",
        "/leaky/",
        "/leaky/index.html",
        "/leaky2/",
        "/leaky2/index.html",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/../../../../../../etc/passwd",
        "/..;/secret.txt",
        "/;/../secret.txt",
        "/./../secret.txt",
        "/a/../../secret.txt",
        "/a/b/../../../secret.txt",
        "/file.txt/../../secret.txt",
        "/....//secret.txt",
        "/..../secret.txt",
        "/.../secret.txt",
        "/. ./secret.txt",
        "/.. /secret.txt",
        "/%20../secret.txt",
        "/..%20/secret.txt",
        "/secret.txt",
        "/root/../secret.txt",
        "/%2e%2e",
        "/%2e%2e/",
        "/file.txt/",
        "/file.txt/.",
        "/file.txt/..",
        "/./file.txt",
        "//file.txt",
        "/x/../file.txt",
        "/%66ile.txt",
        "/file.txt?/../../secret.txt",
        "/file.txt#/../../secret.txt",
        "/%3f/../secret.txt",
        "/%23/../../secret.txt",
        "http://127.0.0.1/../secret.txt",
        "http://127.0.0.1/%2e%2e/secret.txt",
    ];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task TraversalTarget_NeverRevealsTheSecretNorFails(string target)
    {
        var response = await tree.Host.GetRawAsync(target);

        Assert.DoesNotContain(Tree.SecretMarker, response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", response.Text, StringComparison.Ordinal);
        Assert.NotEqual(500, response.Status);
        Assert.True(
            response.Status is 400 or 403 or 404 || (response.Status == 200 && response.Text == Tree.FileContent),
            $"{target} answered {response.Status}: {response.Text}");
        var after = await tree.Host.GetRawAsync("/file.txt");
        Assert.Equal(200, after.Status);
        Assert.Equal(Tree.FileContent, after.Text);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task TraversalTarget_WithHead_NeverRevealsTheSecretLength(string target)
    {
        var response = await tree.Host.RawAsync("HEAD", target);

        Assert.NotEqual(500, response.Status);
        Assert.Empty(response.Body);
        Assert.True(
            response.Status is 400 or 403 or 404 || (response.Status == 200 && response.Header("Content-Length") == Tree.FileContent.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            $"{target} answered {response.Status}");
    }

    [Theory]
    [InlineData("/inner.txt")]
    [InlineData("/escape/root/file.txt")]
    [InlineData("/escape/root/inner.txt")]
    public async Task SymlinkResolvingInsideTheRoot_IsServed(string target)
    {
        var response = await tree.Host.GetRawAsync(target);

        Assert.Equal(200, response.Status);
        Assert.Equal(Tree.FileContent, response.Text);
    }

    [Theory]
    [InlineData("/escape/secret.txt")]
    [InlineData("/escape.txt")]
    [InlineData("/escape/")]
    public async Task SymlinkLeavingTheRoot_Is403(string target)
    {
        var response = await tree.Host.GetRawAsync(target);

        Assert.Equal(403, response.Status);
        Assert.DoesNotContain(Tree.SecretMarker, response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingOfADirectorySymlinkLeavingTheRoot_DoesNotListTheOutsideDirectory()
    {
        await using var host = await StaticFilesHost.StartAsync(tree.RootPath, directoryListing: true);

        var outside = await host.GetRawAsync("/escape/");
        var root = await host.GetRawAsync("/");

        Assert.Equal(403, outside.Status);
        Assert.DoesNotContain("secret.txt", outside.Text, StringComparison.Ordinal);
        Assert.Equal(200, root.Status);
        Assert.DoesNotContain(Tree.SecretMarker, root.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexFileThatIsASymlinkLeavingTheRoot_IsNotServed()
    {
        await using var host = await StaticFilesHost.StartAsync(tree.RootPath, directoryListing: true);

        var directory = await host.GetRawAsync("/leaky/");
        var direct = await host.GetRawAsync("/leaky/index.html");

        Assert.Multiple(
            () => Assert.DoesNotContain(Tree.SecretMarker, directory.Text, StringComparison.Ordinal),
            () => Assert.True(directory.Status is 403 or 404 || IsListing(directory, "/leaky/"), $"/leaky/ answered {directory.Status}"),
            () => Assert.DoesNotContain(Tree.SecretMarker, direct.Text, StringComparison.Ordinal),
            () => Assert.Equal(403, direct.Status));
    }

    [Fact]
    public async Task IndexFileSymlinkOfTheLinkLengthLeavingTheRoot_IsNotServedNorRememberedForItsOwnPath()
    {
        await using var host = await StaticFilesHost.StartAsync(tree.RootPath, directoryListing: true);

        var directory = await host.GetRawAsync("/leaky2/");
        var direct = await host.GetRawAsync("/leaky2/index.html");

        Assert.Multiple(
            () => Assert.DoesNotContain(Tree.SecretMarker, directory.Text, StringComparison.Ordinal),
            () => Assert.True(directory.Status is 403 or 404 || IsListing(directory, "/leaky2/"), $"/leaky2/ answered {directory.Status}"),
            () => Assert.DoesNotContain(Tree.SecretMarker, direct.Text, StringComparison.Ordinal),
            () => Assert.Equal(403, direct.Status));
    }

    /// <summary>Whether the response is the directory's listing (a fix may list a directory whose index leaves the root).</summary>
    private static bool IsListing(RawResponse response, string directory) =>
        response.Status == 200 && response.Text.Contains($"Directory listing for {directory}", StringComparison.Ordinal);

    /// <summary>The directory tree and one server over &lt;tmp&gt;/root, shared by the corpus.</summary>
    public sealed class Tree : IAsyncLifetime, IDisposable
    {
        public const string FileContent = "in-root file content";

        /// <summary>Every secret file starts with it, so even a truncated leak shows.</summary>
        public const string SecretMarker = "TOP-SECRET";

        public static readonly string Secret = SecretMarker + "-" + Guid.NewGuid().ToString("N");

        private readonly TempDirectory _temp = new();
        private TestHost? _host;

        public string RootPath => Path.Join(_temp.Path, "root");

        internal TestHost Host => _host ?? throw new InvalidOperationException("The server has not started.");

        public async Task InitializeAsync()
        {
            var file = _temp.File("root/file.txt", FileContent);
            var secret = _temp.File("secret.txt", Secret);
            _temp.File("etc/passwd", Secret);
            Directory.CreateSymbolicLink(Path.Join(RootPath, "escape"), _temp.Path);
            File.CreateSymbolicLink(Path.Join(RootPath, "escape.txt"), secret);
            File.CreateSymbolicLink(Path.Join(RootPath, "inner.txt"), file);
            Directory.CreateDirectory(Path.Join(RootPath, "leaky"));
            File.CreateSymbolicLink(Path.Join(RootPath, "leaky", "index.html"), secret);

            // A secret exactly as long as the link's own target path, so a size taken from the link matches the read bytes.
            var sameLengthSecret = Path.Join(_temp.Path, "s2.txt");
            var length = System.Text.Encoding.UTF8.GetByteCount(sameLengthSecret);
            await File.WriteAllTextAsync(sameLengthSecret, (SecretMarker + new string('-', length)).Remove(length));
            Directory.CreateDirectory(Path.Join(RootPath, "leaky2"));
            File.CreateSymbolicLink(Path.Join(RootPath, "leaky2", "index.html"), sameLengthSecret);
            _host = await StaticFilesHost.StartAsync(RootPath);
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }

        public void Dispose() => _temp.Dispose();
    }
}
