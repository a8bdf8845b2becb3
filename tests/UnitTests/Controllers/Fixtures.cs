using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Controllers;

namespace ActorOrchestrator.UnitTests.Controllers;

/// <summary>Builders for the controller decision tests: pod views and controller objects as JSON.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, string> AppWeb = new Dictionary<string, string> { ["app"] = "web" };

    public static PodView Pod(
        string name,
        string? owner = "rs-uid",
        IReadOnlyDictionary<string, string>? labels = null,
        string phase = PodView.Running,
        bool ready = true,
        DateTimeOffset? readySince = null,
        string node = "n1",
        DateTimeOffset? created = null,
        int restarts = 0,
        bool deleting = false,
        int? cost = null,
        string ns = "default",
        IReadOnlyList<string>? finalizers = null,
        DateTimeOffset? finishedAt = null,
        string? uid = null) =>
        new(name, ns, uid ?? $"uid-{name}", labels ?? AppWeb,
            cost is null ? ImmutableDictionary<string, string>.Empty : new Dictionary<string, string> { [PodView.DeletionCostAnnotation] = cost.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            owner, phase, ready, ready ? readySince ?? T0.AddMinutes(-10) : null, deleting ? T0 : null, node, node,
            created ?? T0.AddMinutes(-20), restarts, restarts, false, finalizers ?? [], finishedAt);

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject ReplicaSet(int replicas = 3, int minReadySeconds = 0, long generation = 1, string uid = "rs-uid", string name = "web-rs", JsonObject? status = null, bool deleting = false)
    {
        var rs = Obj($$"""
        {
          "apiVersion": "apps/v1", "kind": "ReplicaSet",
          "metadata": { "name": "{{name}}", "namespace": "default", "uid": "{{uid}}", "generation": {{generation}} },
          "spec": {
            "replicas": {{replicas}}, "minReadySeconds": {{minReadySeconds}},
            "selector": { "matchLabels": { "app": "web" } },
            "template": { "metadata": { "labels": { "app": "web", "tier": "front" } }, "spec": { "containers": [ { "name": "c", "image": "nginx" } ] } }
          }
        }
        """);
        if (status is not null) rs["status"] = status;
        if (deleting) rs.Metadata()["deletionTimestamp"] = Timestamps.Format(T0);
        return rs;
    }

    public static Expectations Pending(int creates) => Expectations.None.ExpectCreations(creates, T0);
}
