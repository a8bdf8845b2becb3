using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Controllers;
using CsCheck;
using static ActorOrchestrator.UnitTests.Controllers.DeploymentFixtures;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class DeploymentPropertyTests
{
    private static readonly Gen<JsonNode> Fencepost = Gen.OneOf(
        Gen.Int[0, 3].Select(i => (JsonNode)JsonValue.Create(i)),
        Gen.OneOf("0%", "10%", "25%", "50%", "100%").Select(s => (JsonNode)JsonValue.Create(s)));

    /// <summary>
    /// A rolling update simulated against a ReplicaSet controller that creates and deletes pods at once
    /// (not-ready pods first) and reports them in status, while pods become ready in random order and the
    /// template may change again mid-rollout. After every pass the cluster holds at most replicas + maxSurge
    /// pods and at least replicas - maxUnavailable available ones; and once every pod can become ready the
    /// rollout completes.
    /// </summary>
    [Fact]
    public void RollingUpdatesStayWithinSurgeAndUnavailability()
    {
        Gen.Select(Gen.Int[1, 8], Fencepost, Fencepost, Gen.Select(Gen.Int[0, 9], Gen.Int[0, 19]).Array[1, 40]).Sample((replicas, surge, unavailable, schedule) =>
        {
            var d = Deployment(replicas, image: "v1", maxSurge: surge, maxUnavailable: unavailable, generation: 1);
            var (maxSurge, maxUnavailable) = DeploymentDecision.Fenceposts(d);
            var world = new World();
            var initial = OwnedReplicaSet(d, "v1", replicas, replicas, revision: 1, ageMinutes: 60);
            world.Add(initial, ready: replicas);
            d["status"] = Obj($$"""{ "observedGeneration": 1, "replicas": {{replicas}}, "updatedReplicas": {{replicas}}, "availableReplicas": {{replicas}}, "readyReplicas": {{replicas}} }""");
            SetImage(d, "v2", 2);

            var now = T0;
            var version = 2;
            foreach (var (readyPercent, retemplate) in schedule.Append((100, 1)).Concat(Enumerable.Repeat((100, 1), 3 * replicas + 10)))
            {
                now = now.AddSeconds(5);
                if (retemplate == 0) SetImage(d, $"v{++version}", version);
                if (!Step(d, world, now)) return false;
                world.MakeReady(readyPercent);
                if (world.TotalPods > replicas + maxSurge || world.AvailablePods < replicas - maxUnavailable) return false;
            }
            var newest = world.ReplicaSets.Single(rs => TemplateHash.EqualIgnoringHash((JsonObject)rs.Spec()!["template"]!, (JsonObject)d.Spec()!["template"]!));
            return world.Pods(newest).Ready == replicas && world.TotalPods == replicas;
        }, iter: 400);
    }

    private static bool Step(JsonObject d, World world, DateTimeOffset now)
    {
        var plan = DeploymentDecision.Compute(new DeploymentInput(d, [.. world.ReplicaSets], now));
        if (plan.CreateReplicaSet is { } created)
        {
            created.Metadata()["uid"] = $"uid-{created.Name()}";
            created.Metadata()["creationTimestamp"] = Timestamps.Format(now);
            world.Add(created, ready: 0);
        }
        foreach (var updated in plan.UpdateReplicaSets) world.Replace(updated);
        foreach (var name in plan.DeleteReplicaSets) world.Remove(name);
        d["status"] = plan.Status.DeepClone();
        if (plan.Revision is { } revision) d.Metadata()["annotations"] = new JsonObject { [DeploymentAnnotations.Revision] = revision };
        world.SyncPods();
        return true;
    }

    private static void SetImage(JsonObject d, string image, long generation)
    {
        d.Spec()!["template"]!["spec"]!["containers"]![0]!["image"] = image;
        d.Metadata()["generation"] = generation;
    }

    /// <summary>ReplicaSets and their pods, counted as (ready, not ready), with a ReplicaSet controller that acts at once.</summary>
    private sealed class World
    {
        private readonly Dictionary<string, (JsonObject Rs, int Ready, int NotReady)> _sets = new(StringComparer.Ordinal);
        private int _turn;

        public IEnumerable<JsonObject> ReplicaSets => _sets.Values.Select(v => v.Rs);

        public int TotalPods => _sets.Values.Sum(v => v.Ready + v.NotReady);

        public int AvailablePods => _sets.Values.Sum(v => v.Ready);

        public (int Ready, int NotReady) Pods(JsonObject rs) => (_sets[rs.Name()!].Ready, _sets[rs.Name()!].NotReady);

        public void Add(JsonObject rs, int ready)
        {
            _sets[rs.Name()!] = (rs, ready, 0);
            SyncPods();
        }

        public void Replace(JsonObject rs)
        {
            var (_, ready, notReady) = _sets[rs.Name()!];
            _sets[rs.Name()!] = (rs, ready, notReady);
        }

        public void Remove(string name) => _sets.Remove(name);

        /// <summary>The ReplicaSet controller: reach spec.replicas, deleting not-ready pods first, and report status.</summary>
        public void SyncPods()
        {
            foreach (var name in _sets.Keys.ToList())
            {
                var (rs, ready, notReady) = _sets[name];
                var want = Replicas(rs);
                var have = ready + notReady;
                if (have < want)
                {
                    notReady += want - have;
                }
                else if (have > want)
                {
                    var fromNotReady = Math.Min(have - want, notReady);
                    notReady -= fromNotReady;
                    ready -= have - want - fromNotReady;
                }
                _sets[name] = (rs, ready, notReady);
                WriteStatus(name);
            }
        }

        /// <summary>Each not-ready pod becomes ready with the given chance (deterministic by turn).</summary>
        public void MakeReady(int percent)
        {
            _turn++;
            foreach (var name in _sets.Keys.ToList())
            {
                var (rs, ready, notReady) = _sets[name];
                var becoming = percent >= 100 ? notReady : Enumerable.Range(0, notReady).Count(i => (i * 37 + _turn * 11 + name.Length) % 10 < percent / 10);
                _sets[name] = (rs, ready + becoming, notReady - becoming);
                WriteStatus(name);
            }
        }

        private void WriteStatus(string name)
        {
            var (rs, ready, notReady) = _sets[name];
            rs["status"] = new JsonObject
            {
                ["replicas"] = ready + notReady, ["readyReplicas"] = ready, ["availableReplicas"] = ready,
                ["observedGeneration"] = rs.Metadata().Num("generation") ?? 0,
            };
        }
    }
}
