using MixNMatchttp.Storage.Sql;

namespace MixNMatchttp.Storage.Tests.Sql;

/// <summary>A SQLite database file in a temp directory, opened (migrated) once for a test class.</summary>
public sealed class SqliteDatabase : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private Task<SqlStorage>? _prefixed;

    public string Path => System.IO.Path.Join(_directory.Path, "store.db");

    public string Url => "sqlite:///" + Path;

    public SqlStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync() => Storage = await SqlStorage.OpenAsync(Url);

    /// <summary>A second storage of the same file, with the table prefix <c>mnm_</c> (tables of its own beside the
    /// unprefixed ones), opened on first use.</summary>
    public Task<SqlStorage> PrefixedStorageAsync() => _prefixed ??= SqlStorage.OpenAsync(Url, new SqlStorageOptions { TablePrefix = "mnm_" });

    public async Task DisposeAsync()
    {
        await Storage.DisposeAsync();
        if (_prefixed is not null)
        {
            await (await _prefixed).DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();
}
