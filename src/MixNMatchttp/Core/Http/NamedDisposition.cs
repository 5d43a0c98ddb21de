namespace MixNMatchttp;

/// <summary>A Content-Disposition value and the file name it names.</summary>
internal sealed record NamedDisposition(string Name, string Value);
