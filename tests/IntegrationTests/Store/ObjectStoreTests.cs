using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Store.Reading;
using ActorOrchestrator.Store.Writing;

namespace ActorOrchestrator.IntegrationTests.Store;

/// <summary>Revisions, conditional writes and lists, on real PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class ObjectStoreTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task ConcurrentWritersGetDistinctIncreasingRevisionsInCommitOrder()
    {
        var writes = Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? store.Writer : store.SecondWriter).WriteAsync(StoreFixture.Create(StoreFixture.Pod("revisions", $"p{i}"))));
        var results = await Task.WhenAll(writes);

        Assert.All(results, r => Assert.Equal(WriteStatus.Committed, r.Status));
        Assert.Equal(200, results.Select(r => r.Revision).Distinct().Count());
        var log = await store.Log.ReadAsync(results.Min(r => r.Revision) - 1, long.MaxValue, "pods", 1000, default);
        var ours = log.Where(e => e.Namespace == "revisions").ToList();
        Assert.Equal(results.Select(r => r.Revision).Order(), ours.Select(e => e.Revision));
        Assert.All(ours, e => Assert.Contains($"\"resourceVersion\":\"{e.Revision}\"", e.Json));
    }

    [Fact]
    public async Task AWriteBasedOnAStaleRevisionIsRefusedAndLeavesNoTrace()
    {
        var pod = StoreFixture.Pod("stale", "contended");
        var created = await store.Writer.WriteAsync(StoreFixture.Create(pod.Clone()));
        var first = pod.Clone();
        first.Metadata()["labels"] = new System.Text.Json.Nodes.JsonObject { ["v"] = "1" };
        var updated = await store.Writer.WriteAsync(StoreFixture.Update(pod, first, created.Revision));
        Assert.Equal(WriteStatus.Committed, updated.Status);

        // A second activation still holding the created revision must not overwrite.
        var second = pod.Clone();
        second.Metadata()["labels"] = new System.Text.Json.Nodes.JsonObject { ["v"] = "2" };
        var refused = await store.SecondWriter.WriteAsync(StoreFixture.Update(pod, second, created.Revision));

        Assert.Equal(WriteStatus.Conflict, refused.Status);
        var stored = await store.Reader.GetAsync(StoreFixture.Key(pod));
        Assert.Equal(updated.Revision, stored!.Revision);
        Assert.Contains("\"v\":\"1\"", stored.Json);
        var log = await store.Log.ReadAsync(created.Revision - 1, long.MaxValue, "pods", 1000, default);
        Assert.Equal(2, log.Count(e => e.Namespace == "stale"));
    }

    [Fact]
    public async Task CreatingAnExistingKeyConflicts()
    {
        var pod = StoreFixture.Pod("twice", "same");
        Assert.Equal(WriteStatus.Committed, (await store.Writer.WriteAsync(StoreFixture.Create(pod.Clone()))).Status);
        Assert.Equal(WriteStatus.Conflict, (await store.SecondWriter.WriteAsync(StoreFixture.Create(pod.Clone()))).Status);
    }

    [Fact]
    public async Task ListsFilterByEveryLabelOperatorInSql()
    {
        var labelSets = new[]
        {
            new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "web" },
            new Dictionary<string, string> { ["env"] = "dev", ["tier"] = "web", ["legacy"] = "yes" },
            new Dictionary<string, string> { ["env"] = "qa" },
            new Dictionary<string, string>(),
        };
        for (var i = 0; i < labelSets.Length; i++)
        {
            await store.Writer.WriteAsync(StoreFixture.Create(StoreFixture.Pod("labels", $"l{i}", labelSets[i])));
        }
        var cases = new[]
        {
            new SelectorTerm("env", TermOperator.In, ["prod", "dev"]),
            new SelectorTerm("env", TermOperator.NotIn, ["prod"]),
            new SelectorTerm("legacy", TermOperator.Exists, []),
            new SelectorTerm("legacy", TermOperator.DoesNotExist, []),
            SelectorTerm.EqualTo("tier", "web"),
            SelectorTerm.NotEqualTo("tier", "web"),
        };
        foreach (var term in cases)
        {
            var listed = await store.Reader.ListAsync(new ListQuery("pods", "labels", [term], []));
            var expected = Enumerable.Range(0, labelSets.Length).Where(i => term.Matches(labelSets[i])).Select(i => $"l{i}");
            Assert.Equal(expected, listed.Items.Select(item => item.Key.Name));
        }
    }

    [Fact]
    public async Task ListsPageWithContinueTokensAtTheFirstPagesRevision()
    {
        for (var i = 0; i < 7; i++) await store.Writer.WriteAsync(StoreFixture.Create(StoreFixture.Pod("paged", $"p{i}")));
        var names = new List<string>();
        string? token = null;
        long? revision = null;
        do
        {
            var page = await store.Reader.ListAsync(new ListQuery("pods", "paged", [], [], 3, token));
            names.AddRange(page.Items.Select(i => i.Key.Name));
            revision ??= page.Revision;
            Assert.Equal(revision, page.Revision);
            token = page.Continue;
        }
        while (token is not null);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p{i}"), names);
    }
}
