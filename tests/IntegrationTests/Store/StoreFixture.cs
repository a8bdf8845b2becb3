using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.IntegrationTests.Infrastructure;
using ActorOrchestrator.Store;
using ActorOrchestrator.Store.Objects;
using ActorOrchestrator.Store.Reading;
using ActorOrchestrator.Store.Schema;
using ActorOrchestrator.Store.Watching;
using ActorOrchestrator.Store.Writing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ActorOrchestrator.IntegrationTests.Store;

/// <summary>The object store on a scratch database: two writers (as two silos would have), a reader and a change feed.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private readonly ScratchDatabase _database = new();
    private readonly CancellationTokenSource _stopping = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public StoreOptions Options { get; } = new() { FeedPollInterval = TimeSpan.FromMilliseconds(200), LogRetention = TimeSpan.FromSeconds(1) };

    public StoreWriter Writer { get; private set; } = null!;

    public StoreWriter SecondWriter { get; private set; } = null!;

    public ObjectReader Reader { get; private set; } = null!;

    public LogReader Log { get; private set; } = null!;

    public ChangeFeed Feed { get; private set; } = null!;

    public Watcher Watcher { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await SchemaApplier.ApplyAsync(DataSource);
        Writer = new StoreWriter(DataSource, Options, NullLogger<StoreWriter>.Instance);
        SecondWriter = new StoreWriter(NpgsqlDataSource.Create(_database.ConnectionString), Options, NullLogger<StoreWriter>.Instance);
        Reader = new ObjectReader(DataSource, Options);
        Log = new LogReader(DataSource, Options);
        Feed = new ChangeFeed(DataSource, Log, Reader, Options, NullLogger<ChangeFeed>.Instance);
        await Feed.StartAsync(_stopping.Token);
        await Feed.Started;
        Watcher = new Watcher(Feed, Log, Reader) { BookmarkInterval = TimeSpan.FromMilliseconds(500) };
    }

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Feed.StopAsync(CancellationToken.None);
        await Writer.DisposeAsync();
        await SecondWriter.DisposeAsync();
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>A new pod object in <paramref name="ns"/> with the given labels.</summary>
    public static JsonObject Pod(string ns, string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        var labelObject = new JsonObject();
        foreach (var (k, v) in labels ?? new Dictionary<string, string>()) labelObject[k] = v;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = Guid.NewGuid().ToString(), ["labels"] = labelObject },
            ["spec"] = new JsonObject { ["nodeName"] = "" },
        };
    }

    public static ObjectWrite Create(JsonObject obj) =>
        new(Key(obj), WriteKind.Create, 0, obj, AttributeExtraction.Extract("pods", obj), null);

    public static ObjectWrite Update(JsonObject previous, JsonObject obj, long expected) =>
        new(Key(obj), WriteKind.Update, expected, obj, AttributeExtraction.Extract("pods", obj), AttributeExtraction.Extract("pods", previous));

    public static ObjectWrite Delete(JsonObject obj, long expected) =>
        new(Key(obj), WriteKind.Delete, expected, obj, AttributeExtraction.Extract("pods", obj), AttributeExtraction.Extract("pods", obj));

    public static ObjectKey Key(JsonObject obj) => new("pods", obj.Namespace()!, obj.Name()!);
}
