using System.Buffers;

namespace MixNMatchttp.Logging;

/// <summary>An ASCII line built in an array rented from <see cref="ArrayPool{T}.Shared"/>, growing as needed; whoever
/// takes <see cref="Array"/> returns it to the pool.</summary>
internal ref struct PooledLine
{
    private byte[] _array;
    private int _length;

    public PooledLine(int capacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public readonly byte[] Array => _array;

    public readonly int Length => _length;

    public void Add(byte value)
    {
        if (_length == _array.Length)
        {
            Grow(1);
        }

        _array[_length++] = value;
    }

    public void Add(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="count"/> more bytes; <see cref="Advance"/> says how many were used.</summary>
    public Span<byte> Reserve(int count)
    {
        if (_array.Length - _length < count)
        {
            Grow(count);
        }

        return _array.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    private void Grow(int count)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _length + count));
        _array.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
