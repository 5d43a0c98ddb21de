namespace MixNMatchttp.Tests.Http;

public sealed class TemplateTests
{
    private sealed class Pages : MixModule
    {
        public override IReadOnlyDictionary<string, TemplatePage> TemplatePages { get; } = new Dictionary<string, TemplatePage>
        {
            ["page"] = new("<title>$TITLE</title>${BODY}x $UNUSED$$5", "text/html"),
        };

        public override IReadOnlyDictionary<string, Template> Templates { get; } = new Dictionary<string, Template>
        {
            ["t"] = new("page", new Dictionary<string, string> { ["TITLE"] = "T-$name", ["BODY"] = "<p>${name} is ${age}</p>" }),
        };
    }

    [Fact]
    public void Fields_AreFilledFromDynamicValues_UnusedOnesRemoved_DollarDollarIsADollar()
    {
        var set = new TemplateSet([new Pages()]);
        var page = set.Render("t", new Dictionary<string, string?> { ["name"] = "Ann" });
        Assert.Equal("text/html", page.ContentType);
        Assert.Equal("<title>T-Ann</title><p>Ann is </p>x $5", System.Text.Encoding.UTF8.GetString(page.Body.Span));
    }

    [Fact]
    public void FirstModuleDefiningAName_Wins()
    {
        var other = new TestModulePages("other");
        var set = new TemplateSet([new Pages(), other]);
        Assert.Contains("T-", System.Text.Encoding.UTF8.GetString(set.Render("t", null).Body.Span), StringComparison.Ordinal);
        Assert.Equal("other", System.Text.Encoding.UTF8.GetString(set.Render("only-other", null).Body.Span));
    }

    [Fact]
    public void TemplateNamingAMissingPage_IsAStartupError() =>
        Assert.Throws<MixConfigurationException>(() => new TemplateSet([new TestModulePages("x", page: "missing")]));

    [Fact]
    public void HtmlEscape_EscapesMarkupAndQuotes() =>
        Assert.Equal("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.Escape("<a href=\"x\">&'"));

    private sealed class TestModulePages(string text, string page = "p2") : MixModule
    {
        public override IReadOnlyDictionary<string, TemplatePage> TemplatePages { get; } = new Dictionary<string, TemplatePage>
        {
            ["page"] = new("shadowed"),
            ["p2"] = new("$X", "text/plain"),
        };

        public override IReadOnlyDictionary<string, Template> Templates { get; } = new Dictionary<string, Template>
        {
            ["t"] = new("p2", new Dictionary<string, string>()),
            ["only-other"] = new(page, new Dictionary<string, string> { ["X"] = text }),
        };
    }
}
