using System.Collections.Immutable;

namespace MixNMatchttp.Auth;

/// <summary>Users in memory: an immutable dictionary swapped atomically on every change.</summary>
public sealed class MemoryUserStore : IUserStore
{
    private ImmutableDictionary<string, UserRecord> _users = ImmutableDictionary<string, UserRecord>.Empty.WithComparers(StringComparer.Ordinal);

    public int Count => _users.Count;

    public ValueTask<UserRecord?> FindAsync(string username, CancellationToken cancellationToken) =>
        new(_users.GetValueOrDefault(username));

    public ValueTask<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(ImmutableInterlocked.TryAdd(ref _users, user.Username, user));
    }

    public ValueTask<bool> UpdatePasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken)
    {
        while (true)
        {
            var users = _users;
            if (!users.TryGetValue(username, out var user))
            {
                return new(false);
            }

            if (Interlocked.CompareExchange(ref _users, users.SetItem(username, user with { PasswordHash = passwordHash }), users) == users)
            {
                return new(true);
            }
        }
    }

    public ValueTask UpsertAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ImmutableInterlocked.AddOrUpdate(ref _users, user.Username, user, (_, _) => user);
        return default;
    }

    public ValueTask<bool> RemoveAsync(string username, CancellationToken cancellationToken) =>
        new(ImmutableInterlocked.TryRemove(ref _users, username, out _));
}
