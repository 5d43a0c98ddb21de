using MixNMatchttp.Storage.Sql;

namespace MixNMatchttp.Storage.Tests.Sql;

/// <summary>A SQLite database file in a temp directory, opened (migrated) once for a test class.</summary>
public sealed class SqliteDatabase : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Path => System.IO.Path.Join(_directory.Path, "store.db");

    public string Url => "sqlite:///" + Path;

    public SqlStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync() => Storage = await SqlStorage.OpenAsync(Url);

    public async Task DisposeAsync() => await Storage.DisposeAsync();

    public void Dispose() => _directory.Dispose();
}
