using System.Text;

namespace MixNMatchttp.Files;

/// <summary>Renders a directory as an HTML list of links, sorted by name, directories marked with '/'; files the server
/// keeps private (its database, logs, configuration) are left out.</summary>
internal static class DirectoryListing
{
    public static string Render(DirectoryInfo directory, string requestPath, Func<string, bool> isPrivate)
    {
        var title = Html.Escape($"Directory listing for {requestPath}");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(title).Append("</title>\n</head>\n<body>\n<h1>")
            .Append(title).Append("</h1>\n<hr>\n<ul>\n");
        var entries = directory.EnumerateFileSystemInfos()
            .Where(entry => !isPrivate(entry.FullName))
            .Select(entry => (Name: entry.Name, IsDirectory: entry is DirectoryInfo))
            .OrderBy(entry => entry.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(entry => entry.Name, StringComparer.Ordinal);
        foreach (var (name, isDirectory) in entries)
        {
            var suffix = isDirectory ? "/" : string.Empty;
            html.Append("<li><a href=\"").Append(Html.Escape(Uri.EscapeDataString(name) + suffix)).Append("\">")
                .Append(Html.Escape(name + suffix)).Append("</a></li>\n");
        }

        return html.Append("</ul>\n<hr>\n</body>\n</html>\n").ToString();
    }
}
