using ActorOrchestrator.Grains.Controllers;
using CsCheck;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class ReplicaSetPropertyTests
{
    private static readonly Gen<PodView> AnyPod =
        Gen.Select(Gen.Int[0, 999], Gen.OneOf<string?>("rs-uid", "rs-uid", "rs-uid", null, "other-uid"), Gen.OneOf(PodView.Running, PodView.Pending, PodView.Unknown, PodView.Succeeded, PodView.Failed), Gen.Bool, Gen.Int[0, 9].Select(i => i == 0), Gen.Int[0, 3])
            .Select(t => Pod($"p{t.Item1}", owner: t.Item2, phase: t.Item3, ready: t.Item4, deleting: t.Item5, node: $"n{t.Item6}",
                labels: t.Item1 % 7 == 0 ? new Dictionary<string, string> { ["app"] = "db" } : AppWeb,
                created: T0.AddSeconds(-t.Item1)));

    private static readonly Gen<IReadOnlyList<PodView>> AnyPods =
        AnyPod.Array[0, 15].Select(pods => (IReadOnlyList<PodView>)pods.DistinctBy(p => p.Name).ToList());

    [Fact]
    public void NeverPlansMoreActivePodsThanDesiredAndReachesDesiredWithinTheBurst()
    {
        Gen.Select(AnyPods, Gen.Int[0, 12], Gen.Int[1, 6]).Sample((pods, desired, burst) =>
        {
            var plan = ReplicaSetDecision.Compute(new ReplicaSetInput(ReplicaSet(desired), pods, Expectations.None, T0, BurstReplicas: burst));
            var claimed = pods.Count(p => p.IsActive && p.Labels["app"] == "web" && (p.ControllerUid == "rs-uid" || p.ControllerUid is null));
            var after = claimed + plan.CreateCount - plan.ToDelete.Count;
            var expected = claimed < desired ? Math.Min(desired, claimed + burst) : Math.Max(desired, claimed - burst);
            return after == expected && plan.CreateBatches.Sum() == plan.CreateCount && (plan.CreateCount == 0 || plan.ToDelete.Count == 0);
        }, iter: 3000);
    }

    [Fact]
    public void NeverActsWhileExpectationsAreUnsatisfied()
    {
        Gen.Select(AnyPods, Gen.Int[0, 12], Gen.Int[1, 5], Gen.Int[0, 299]).Sample((pods, desired, pending, ageSeconds) =>
        {
            var expectations = Expectations.None.ExpectCreations(pending, T0.AddSeconds(-ageSeconds));
            var plan = ReplicaSetDecision.Compute(new ReplicaSetInput(ReplicaSet(desired), pods, expectations, T0));
            return plan.CreateCount == 0 && plan.ToDelete.Count == 0 && plan.Expectations.PendingCreates == pending;
        }, iter: 2000);
    }

    [Fact]
    public void DeletesOnlyActivePodsItOwnsOrAdopts()
    {
        Gen.Select(AnyPods, Gen.Int[0, 5]).Sample((pods, desired) =>
        {
            var plan = ReplicaSetDecision.Compute(new ReplicaSetInput(ReplicaSet(desired), pods, Expectations.None, T0));
            return plan.ToDelete.All(p => p.IsActive && p.Labels["app"] == "web" && (p.ControllerUid == "rs-uid" || plan.ToAdopt.Contains(p)));
        }, iter: 3000);
    }

    /// <summary>
    /// A small world: the store holds the truth, the controller sees it one or two passes late (never going
    /// back in time), pods fail at random and the controller replaces them. However late it sees its own
    /// creates, the store never holds more active pods than desired, and once the view catches up it holds
    /// exactly that many.
    /// </summary>
    [Fact]
    public void DelayedObservationNeverCausesADoubleCreate()
    {
        var step = Gen.Select(Gen.Int[0, 2], Gen.Int[-3, 6], Gen.Bool);
        Gen.Select(Gen.Int[0, 8], Gen.Int[0, 4], step.Array[5, 40]).Sample((desired, initial, schedule) =>
        {
            var store = new Dictionary<string, PodView>();
            for (var i = 0; i < Math.Min(initial, desired); i++) store[$"init-{i}"] = Pod($"init-{i}");
            var history = new List<PodView[]> { store.Values.ToArray() };
            var seen = 0;
            var expectations = Expectations.None;
            var next = 0;
            var now = T0;
            foreach (var (lag, failIndex, makeReady) in schedule.Append((0, -1, false)).Append((0, -1, false)).Append((0, -1, false)))
            {
                now = now.AddSeconds(10);
                var running = store.Values.Where(p => p.IsActive).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
                if (failIndex >= 0 && failIndex < running.Count) store[running[failIndex].Name] = running[failIndex] with { Phase = PodView.Failed, Ready = false };
                if (makeReady) foreach (var p in store.Values.Where(p => p.IsActive && !p.Ready).ToList()) store[p.Name] = p with { Ready = true, ReadySince = now };
                history.Add([.. store.Values]);

                seen = Math.Max(seen, history.Count - 1 - lag);
                var view = history[seen];
                expectations = expectations.Observe(view);
                var plan = ReplicaSetDecision.Compute(new ReplicaSetInput(ReplicaSet(desired), view, expectations, now));
                expectations = plan.Expectations;
                foreach (var victim in plan.ToDelete) store.Remove(victim.Name);
                for (var i = 0; i < plan.CreateCount; i++)
                {
                    var name = $"web-{next++}";
                    store[name] = Pod(name, phase: PodView.Pending, ready: false, created: now);
                    expectations = expectations.Created($"default/{name}");
                }
                if (store.Values.Count(p => p.IsActive) > desired) return false;
            }
            return store.Values.Count(p => p.IsActive) == desired;
        }, iter: 1500);
    }
}
