namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>Form bodies for the storage tests' requests.</summary>
internal static class Forms
{
    public static FormUrlEncodedContent Of(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));
}
