using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Store.Maintenance;
using ActorOrchestrator.Store.Reading;
using ActorOrchestrator.Store.Watching;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorOrchestrator.IntegrationTests.Store;

/// <summary>Watches replay the log and then follow it live, with no gap and no duplicate.</summary>
[Trait("Category", "Integration")]
public sealed class WatchTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AWatchReplaysWhatFollowedItsRevisionThenStreamsLive()
    {
        const string ns = "replay";
        await WriteAsync(ns, "a", 3);
        var (afterA, _) = await store.Reader.GetRevisionsAsync();
        await WriteAsync(ns, "b", 3);

        using var cancel = new CancellationTokenSource(Patience);
        var events = new List<WatchEvent>();
        var watching = CollectAsync(ListQuery.All("pods", ns), afterA, events, 6, cancel.Token);
        await WriteAsync(ns, "c", 3);
        await watching;

        Assert.Equal(["b0", "b1", "b2", "c0", "c1", "c2"], events.Select(NameOf));
        Assert.All(events, e => Assert.Equal(WatchEventType.Added, e.Type));
    }

    [Fact]
    public async Task NoEventIsLostOrRepeatedWhileWritesRaceTheSubscription()
    {
        const string ns = "race";
        const int total = 300;
        var (start, _) = await store.Reader.GetRevisionsAsync();
        using var cancel = new CancellationTokenSource(Patience);
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
            {
                var writer = i % 2 == 0 ? store.Writer : store.SecondWriter;
                await writer.WriteAsync(StoreFixture.Create(StoreFixture.Pod(ns, $"r{i:D3}")));
            }
        });
        await Task.Delay(20);
        var events = new List<WatchEvent>();
        await CollectAsync(ListQuery.All("pods", ns), start, events, total, cancel.Token);
        await writing;

        Assert.Equal(Enumerable.Range(0, total).Select(i => $"r{i:D3}").Order(), events.Select(NameOf).Order());
        Assert.Equal(total, events.Select(e => e.Revision).Distinct().Count());
        Assert.Equal(events.Select(e => e.Revision).Order(), events.Select(e => e.Revision));
    }

    [Fact]
    public async Task ObjectsEnteringAndLeavingASelectorAreAddedAndDeleted()
    {
        const string ns = "selector";
        var (start, _) = await store.Reader.GetRevisionsAsync();
        var pod = StoreFixture.Pod(ns, "mover", new Dictionary<string, string> { ["app"] = "x" });
        var created = await store.Writer.WriteAsync(StoreFixture.Create(pod.Clone()));
        var moved = Relabel(pod, "y");
        var away = await store.Writer.WriteAsync(StoreFixture.Update(pod, moved.Clone(), created.Revision));
        var back = Relabel(pod, "x");
        var returned = await store.Writer.WriteAsync(StoreFixture.Update(moved, back.Clone(), away.Revision));
        await store.Writer.WriteAsync(StoreFixture.Delete(back, returned.Revision));

        using var cancel = new CancellationTokenSource(Patience);
        var events = new List<WatchEvent>();
        var query = new ListQuery("pods", ns, [SelectorTerm.EqualTo("app", "x")], []);
        await CollectAsync(query, start, events, 4, cancel.Token);

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted, WatchEventType.Added, WatchEventType.Deleted], events.Select(e => e.Type));
    }

    [Fact]
    public async Task AWatchFromACompactedRevisionIsGone()
    {
        var old = await WriteAsync("compacted", "old", 2);
        await Task.Delay(store.Options.LogRetention + TimeSpan.FromSeconds(1));
        await WriteAsync("compacted", "new", 1);
        var compactor = new LogCompactor(store.DataSource, store.Options, TimeProvider.System, NullLogger<LogCompactor>.Instance);
        await compactor.CompactOnceAsync(default);

        var error = await Assert.ThrowsAsync<ApiException>(async () =>
        {
            await foreach (var _ in store.Watcher.WatchAsync(ListQuery.All("pods", "compacted"), old - 1, false, default)) break;
        });
        Assert.Equal(410, error.Code);
        Assert.StartsWith("too old resource version", error.Message);
    }

    [Fact]
    public async Task QuietWatchesGetBookmarksAtTheLatestRevision()
    {
        var (current, _) = await store.Reader.GetRevisionsAsync();
        using var cancel = new CancellationTokenSource(Patience);
        await foreach (var e in store.Watcher.WatchAsync(ListQuery.All("pods", "nothing-here"), current, true, cancel.Token))
        {
            Assert.Equal(WatchEventType.Bookmark, e.Type);
            Assert.True(e.Revision >= current);
            break;
        }
    }

    private async Task<long> WriteAsync(string ns, string prefix, int count)
    {
        var (before, _) = await store.Reader.GetRevisionsAsync();
        for (var i = 0; i < count; i++) await store.Writer.WriteAsync(StoreFixture.Create(StoreFixture.Pod(ns, $"{prefix}{i}")));
        return before;
    }

    private async Task CollectAsync(ListQuery query, long from, List<WatchEvent> events, int count, CancellationToken cancellationToken)
    {
        await foreach (var e in store.Watcher.WatchAsync(query, from, false, cancellationToken))
        {
            events.Add(e);
            if (events.Count >= count) return;
        }
    }

    private static System.Text.Json.Nodes.JsonObject Relabel(System.Text.Json.Nodes.JsonObject pod, string app)
    {
        var copy = pod.Clone();
        copy.Metadata()["labels"] = new System.Text.Json.Nodes.JsonObject { ["app"] = app };
        return copy;
    }

    private static string NameOf(WatchEvent e) =>
        System.Text.Json.Nodes.JsonNode.Parse(e.Json!)!["metadata"]!["name"]!.ToString();
}
