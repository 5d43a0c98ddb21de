namespace MixNMatchttp;

/// <summary>
/// One path glob of <see cref="PathPatterns"/>, matched by walking every possible position in the glob at once over
/// the path's characters (a Thompson automaton): time is the path's length times the glob's, whatever the input, and
/// nothing is compiled at start-up (a regular expression engine cost the server's start ~80 ms).
/// </summary>
internal sealed class PathGlob
{
    private const int StackStates = 256;

    private readonly Step[] _steps;
    private readonly char[] _chars;
    private readonly bool _anchored;
    private readonly bool _caseSensitive;

    private PathGlob(List<(Step Step, char Char)> steps, bool anchored, bool caseSensitive)
    {
        _steps = [.. steps.Select(s => s.Step)];
        _chars = [.. steps.Select(s => caseSensitive ? s.Char : char.ToLowerInvariant(s.Char))];
        _anchored = anchored;
        _caseSensitive = caseSensitive;
    }

    /// <summary>What a position in the glob takes from the path.</summary>
    private enum Step : byte
    {
        /// <summary>One given character.</summary>
        Char,

        /// <summary><c>?</c>: one character within a segment.</summary>
        OneInSegment,

        /// <summary><c>*</c>: any characters within a segment.</summary>
        AnyInSegment,

        /// <summary>A <c>**</c> segment before another: any number of whole segments, each with its slash.</summary>
        Segments,

        /// <summary>A final <c>**</c> segment: anything.</summary>
        Rest,

        /// <summary>The end of the glob: the end of the path or a slash (what lies under the match matches too).</summary>
        Boundary,
    }

    /// <summary>The automaton's states: two per step (the second is "inside a segment" of a <see cref="Step.Segments"/>
    /// step), then the accepting one.</summary>
    private int Accept => 2 * _steps.Length;

    /// <summary>Parses a checked glob (not empty, no <c>.</c> or <c>..</c> segment, no leading <c>!</c>).</summary>
    public static PathGlob Parse(string glob, bool caseSensitive)
    {
        var segments = glob.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var steps = new List<(Step, char)> { (Step.Char, '/') };
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] == "**")
            {
                steps.Add((last ? Step.Rest : Step.Segments, default));
                continue;
            }

            AddSegment(steps, segments[i]);
            if (!last)
            {
                steps.Add((Step.Char, '/'));
            }
        }

        if (segments.Length > 0)
        {
            steps.Add((Step.Boundary, default));
        }

        return new PathGlob(steps, anchored: glob[0] == '/', caseSensitive);
    }

    /// <summary>Whether the glob matches <paramref name="path"/> from its start (anchored) or from any slash.</summary>
    public bool IsMatch(ReadOnlySpan<char> path)
    {
        var count = Accept;
        Span<bool> current = count <= StackStates ? stackalloc bool[count] : new bool[count];
        Span<bool> next = count <= StackStates ? stackalloc bool[count] : new bool[count];
        current.Clear();
        next.Clear();
        if (Enter(current, 0))
        {
            return true;
        }

        foreach (var c in path)
        {
            if (Advance(current, next, c))
            {
                return true;
            }

            if (!_anchored && Enter(next, 0))
            {
                return true;
            }

            var taken = current;
            current = next;
            next = taken;
            next.Clear();
        }

        for (var step = 0; step < _steps.Length; step++)
        {
            if (current[2 * step] && _steps[step] == Step.Boundary)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddSegment(List<(Step, char)> steps, string segment)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            switch (segment[i])
            {
                case '*':
                    steps.Add((Step.AnyInSegment, default));
                    while (i + 1 < segment.Length && segment[i + 1] == '*')
                    {
                        i++;
                    }

                    break;
                case '?':
                    steps.Add((Step.OneInSegment, default));
                    break;
                default:
                    steps.Add((Step.Char, segment[i]));
                    break;
            }
        }
    }

    /// <summary>Moves every state in <paramref name="current"/> over <paramref name="c"/> into <paramref name="next"/>;
    /// true once the glob has matched.</summary>
    private bool Advance(Span<bool> current, Span<bool> next, char c)
    {
        var slash = c == '/';
        for (var state = 0; state < current.Length; state++)
        {
            if (!current[state])
            {
                continue;
            }

            var step = state / 2;
            var taken = _steps[step] switch
            {
                Step.Char => Same(c, _chars[step]) && Enter(next, 2 * (step + 1)),
                Step.OneInSegment => !slash && Enter(next, 2 * (step + 1)),
                Step.AnyInSegment => !slash && Enter(next, state),
                Step.Segments => slash ? state % 2 == 1 && Enter(next, 2 * step) : Enter(next, (2 * step) + 1),
                Step.Rest => Enter(next, state),
                _ => slash, // a boundary: the slash after the glob's last segment
            };
            if (taken)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a state and the ones reachable from it without a character; true when that is the accepting one.</summary>
    private bool Enter(Span<bool> states, int state)
    {
        while (true)
        {
            if (state == Accept)
            {
                return true;
            }

            if (states[state])
            {
                return false;
            }

            states[state] = true;
            if (state % 2 == 1 || _steps[state / 2] is not (Step.AnyInSegment or Step.Segments or Step.Rest))
            {
                return false;
            }

            state = 2 * ((state / 2) + 1); // these steps may also take nothing
        }
    }

    private bool Same(char c, char globChar) => (_caseSensitive ? c : char.ToLowerInvariant(c)) == globChar;
}
