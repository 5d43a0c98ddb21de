namespace MixNMatchttp;

/// <summary>
/// Names a <see cref="TemplatePage"/> and gives values for its fields. A value may itself contain
/// <c>$fields</c>, filled from the dynamic values a handler passes when rendering. Fields left without a
/// value are removed. Values are inserted as given: escape HTML with <see cref="Html.Escape"/>.
/// </summary>
/// <param name="Page">The name of the template page.</param>
/// <param name="Fields">The page's field values.</param>
public sealed record Template(string Page, IReadOnlyDictionary<string, string> Fields);
