using System.Collections.Frozen;
using System.Text;

namespace MixNMatchttp;

/// <summary>The template pages and templates of all modules, merged without clobbering and parsed at start-up.</summary>
internal sealed class TemplateSet
{
    private readonly FrozenDictionary<string, (TemplateText Body, string ContentType)> _pages;
    private readonly FrozenDictionary<string, (string Page, FrozenDictionary<string, TemplateText> Fields)> _templates;

    public TemplateSet(IEnumerable<MixModule> modules)
    {
        var pages = new Dictionary<string, (TemplateText, string)>(StringComparer.Ordinal);
        var templates = new Dictionary<string, (string, FrozenDictionary<string, TemplateText>)>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            foreach (var (name, page) in module.TemplatePages)
            {
                pages.TryAdd(name, (new TemplateText(page.Body), page.ContentType));
            }

            foreach (var (name, template) in module.Templates)
            {
                templates.TryAdd(name, (template.Page, template.Fields.ToFrozenDictionary(f => f.Key, f => new TemplateText(f.Value), StringComparer.Ordinal)));
            }
        }

        foreach (var (name, (page, _)) in templates)
        {
            if (!pages.ContainsKey(page))
            {
                throw new MixConfigurationException($"Template '{name}' uses the page '{page}', which no module defines.");
            }
        }

        _pages = pages.ToFrozenDictionary(StringComparer.Ordinal);
        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public Page Render(string templateName, IReadOnlyDictionary<string, string?>? values)
    {
        if (!_templates.TryGetValue(templateName, out var template))
        {
            throw new KeyNotFoundException($"No module defines the template '{templateName}'.");
        }

        var (body, contentType) = _pages[template.Page];
        var builder = new StringBuilder();
        body.AppendTo(builder, field =>
        {
            if (!template.Fields.TryGetValue(field, out var text))
            {
                return null;
            }

            var fieldBuilder = new StringBuilder();
            text.AppendTo(fieldBuilder, name => values is not null && values.TryGetValue(name, out var value) ? value : null);
            return fieldBuilder.ToString();
        });
        return new Page(Encoding.UTF8.GetBytes(builder.ToString()), contentType);
    }
}
