namespace MixNMatchttp;

/// <summary>
/// How many slash-separated arguments an endpoint accepts: an exact number,
/// <see cref="Optional"/> (0 or 1), <see cref="Any"/> (0 or more) or <see cref="Required"/> (1 or more).
/// An integer converts implicitly to an exact count.
/// </summary>
public readonly record struct NArgs
{
    private NArgs(int min, int max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>The fewest arguments accepted.</summary>
    public int Min { get; }

    /// <summary>The most arguments accepted (<see cref="int.MaxValue"/> for no limit).</summary>
    public int Max { get; }

    /// <summary>0 or 1 argument (the seed's <c>ARGS_OPTIONAL</c>, <c>?</c>).</summary>
    public static NArgs Optional { get; } = new(0, 1);

    /// <summary>Any number of arguments (the seed's <c>ARGS_ANY</c>, <c>*</c>).</summary>
    public static NArgs Any { get; } = new(0, int.MaxValue);

    /// <summary>1 or more arguments (the seed's <c>ARGS_REQUIRED</c>, <c>+</c>).</summary>
    public static NArgs Required { get; } = new(1, int.MaxValue);

    /// <summary>Exactly <paramref name="count"/> arguments.</summary>
    public static NArgs Exactly(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new NArgs(count, count);
    }

    /// <summary>Parses <c>?</c>, <c>*</c>, <c>+</c> or a non-negative integer.</summary>
    public static NArgs Parse(string text) => text switch
    {
        "?" => Optional,
        "*" => Any,
        "+" => Required,
        _ when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => Exactly(n),
        _ => throw new FormatException($"nargs must be '?', '*', '+' or a non-negative integer, not '{text}'"),
    };

#pragma warning disable CA2225 // an int is the natural way to write an exact count
    public static implicit operator NArgs(int count) => Exactly(count);
#pragma warning restore CA2225

    public override string ToString() => this == Optional ? "?" : this == Any ? "*" : this == Required ? "+" : Min.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
