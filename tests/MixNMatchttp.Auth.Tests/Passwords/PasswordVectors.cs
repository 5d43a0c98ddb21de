using System.Text.Json;

namespace MixNMatchttp.Auth.Tests.Passwords;

/// <summary>The vectors of TestData/password-vectors.json, made by passlib (see make-password-vectors.py).</summary>
internal static class PasswordVectors
{
    private static readonly Lazy<IReadOnlyList<Vector>> All = new(Load);

    /// <summary>The chosen vectors as theory data: scheme, type name, password, hash.</summary>
    public static TheoryData<string, string, string, string> Data(Func<Vector, bool> filter)
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var v in All.Value.Where(filter))
        {
            data.Add(v.Scheme, v.Type, v.Password, v.Hash);
        }

        return data;
    }

    public static IReadOnlyList<Vector> Vectors => All.Value;

    private static IReadOnlyList<Vector> Load()
    {
        using var stream = File.OpenRead(Path.Join(AppContext.BaseDirectory, "TestData", "password-vectors.json"));
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("vectors").EnumerateArray().Select(e => new Vector(
            e.GetProperty("scheme").GetString()!,
            e.GetProperty("type").GetString()!,
            e.GetProperty("password").GetString()!,
            e.GetProperty("hash").GetString()!))];
    }

    internal sealed record Vector(string Scheme, string Type, string Password, string Hash);
}
