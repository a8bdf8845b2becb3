using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Controllers;
using CsCheck;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class JobDecisionTests
{
    private static readonly IReadOnlyList<string> Tracked = [JobDecision.TrackingFinalizer];

    internal static JsonObject Job(int? completions = 1, int? parallelism = 1, int backoffLimit = 6, string restartPolicy = "Never",
        bool suspend = false, int? activeDeadlineSeconds = null, int? ttl = null, JsonObject? status = null)
    {
        var job = Obj($$"""
        { "apiVersion": "batch/v1", "kind": "Job",
          "metadata": { "name": "pi", "namespace": "default", "uid": "job-uid" },
          "spec": { "backoffLimit": {{backoffLimit}}, "suspend": {{(suspend ? "true" : "false")}},
            "selector": { "matchLabels": { "batch.kubernetes.io/controller-uid": "job-uid" } },
            "template": { "metadata": { "labels": { "batch.kubernetes.io/controller-uid": "job-uid", "job-name": "pi" } },
              "spec": { "restartPolicy": "{{restartPolicy}}", "containers": [ { "name": "pi", "image": "perl" } ] } } } }
        """);
        if (completions is not null) job.Spec()!["completions"] = completions;
        if (parallelism is not null) job.Spec()!["parallelism"] = parallelism;
        if (activeDeadlineSeconds is not null) job.Spec()!["activeDeadlineSeconds"] = activeDeadlineSeconds;
        if (ttl is not null) job.Spec()!["ttlSecondsAfterFinished"] = ttl;
        if (status is not null) job["status"] = status.DeepClone();
        return job;
    }

    internal static PodView JobPod(string name, string phase = PodView.Running, bool ready = false, DateTimeOffset? finishedAt = null, int restarts = 0, bool tracked = true) =>
        Pod(name, owner: "job-uid", labels: new Dictionary<string, string> { ["batch.kubernetes.io/controller-uid"] = "job-uid" }, phase: phase, ready: ready,
            finalizers: tracked ? Tracked : [], finishedAt: finishedAt, restarts: restarts);

    private static JobPlan Run(JsonObject job, IReadOnlyList<PodView> pods, DateTimeOffset? now = null, Expectations? expectations = null) =>
        JobDecision.Compute(new JobInput(job, pods, expectations ?? Expectations.None, now ?? T0));

    [Theory]
    [InlineData(null, null, 0, 1)]
    [InlineData(5, 2, 0, 2)]
    [InlineData(5, 2, 4, 1)]
    [InlineData(5, 10, 0, 5)]
    [InlineData(null, 3, 0, 3)]
    public void ActivePodsAreCappedByParallelismAndRemainingCompletions(int? completions, int? parallelism, int alreadySucceeded, int expected)
    {
        var status = new JsonObject { ["succeeded"] = alreadySucceeded, ["startTime"] = Timestamps.Format(T0) };
        var plan = Run(Job(completions, parallelism, status: status), []);
        Assert.Equal(expected, plan.CreateCount);
        Assert.Contains(JobDecision.TrackingFinalizer, plan.PodTemplate.Metadata()["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("pi-", plan.PodTemplate.At("metadata", "generateName")!.GetValue<string>());
    }

    [Fact]
    public void StartTimeIsSetOnTheFirstPass()
    {
        var plan = Run(Job(), []);
        Assert.Equal(Timestamps.Format(T0), plan.Status.Str("startTime"));
        Assert.Equal(0, plan.Status.Num("ready"));
    }

    [Fact]
    public void ASucceededPodIsCountedThroughUncountedThenTheJobCompletes()
    {
        var done = JobPod("pi-1", PodView.Succeeded, finishedAt: T0.AddSeconds(-1));
        var first = Run(Job(), [done]);
        Assert.Equal([done], first.RemoveFinalizer);
        Assert.Equal(["uid-pi-1"], first.Status.Strings("uncountedTerminatedPods", "succeeded"));
        Assert.True(StatusConditions.IsTrue(first.Status, "SuccessCriteriaMet"));
        Assert.False(StatusConditions.IsTrue(first.Status, "Complete"));
        Assert.Equal(0, first.CreateCount);

        var second = Run(Job(status: first.Status), [done with { Finalizers = [] }], T0.AddSeconds(1));
        Assert.Equal(1, second.Status.Num("succeeded"));
        Assert.Empty(second.Status.Strings("uncountedTerminatedPods", "succeeded"));
        var complete = StatusConditions.Find(second.Status, "Complete")!;
        Assert.Equal(("True", "CompletionsReached", "Reached expected number of succeeded pods"), (complete.Text("status"), complete.Text("reason"), complete.Text("message")));
        Assert.Equal(Timestamps.Format(T0.AddSeconds(1)), second.Status.Str("completionTime"));
        Assert.Equal([ControllerEvent.Normal("Completed", "Job completed")], second.Events);
    }

    [Fact]
    public void FailuresBeyondTheBackoffLimitFailTheJobAndStopItsPods()
    {
        var status = new JsonObject { ["failed"] = 2, ["startTime"] = Timestamps.Format(T0.AddMinutes(-5)) };
        var running = JobPod("pi-3");
        var plan = Run(Job(completions: 2, parallelism: 2, backoffLimit: 2, status: status), [JobPod("pi-2", PodView.Failed, finishedAt: T0), running]);
        Assert.Equal([running], plan.ToDelete);
        var target = StatusConditions.Find(plan.Status, "FailureTarget")!;
        Assert.Equal(("BackoffLimitExceeded", "Job has reached the specified backoff limit"), (target.Text("reason"), target.Text("message")));
        Assert.False(StatusConditions.IsTrue(plan.Status, "Failed"));
        Assert.Equal(2, plan.Status.Strings("uncountedTerminatedPods", "failed").Count);

        var gone = Run(Job(completions: 2, parallelism: 2, backoffLimit: 2, status: plan.Status), [], T0.AddSeconds(5));
        Assert.Equal(4, gone.Status.Num("failed"));
        var failed = StatusConditions.Find(gone.Status, "Failed")!;
        Assert.Equal(("BackoffLimitExceeded", "Job has reached the specified backoff limit"), (failed.Text("reason"), failed.Text("message")));
        Assert.Equal([ControllerEvent.Warning("BackoffLimitExceeded", "Job has reached the specified backoff limit")], gone.Events);
    }

    [Fact]
    public void WithRestartPolicyOnFailureContainerRestartsCountAgainstTheLimit()
    {
        var plan = Run(Job(backoffLimit: 3, restartPolicy: "OnFailure"), [JobPod("pi-1", restarts: 3)]);
        Assert.Equal("BackoffLimitExceeded", StatusConditions.Find(plan.Status, "FailureTarget")!.Text("reason"));
        Assert.Null(StatusConditions.Find(Run(Job(backoffLimit: 3, restartPolicy: "OnFailure"), [JobPod("pi-1", restarts: 2)]).Status, "FailureTarget"));
    }

    [Fact]
    public void AFailedPodIsReplacedOnlyAfterAnExponentialBackoff()
    {
        var status = new JsonObject { ["failed"] = 2, ["startTime"] = Timestamps.Format(T0.AddMinutes(-5)) };
        var pods = new[] { JobPod("a", PodView.Failed, finishedAt: T0.AddSeconds(-15), tracked: false), JobPod("b", PodView.Failed, finishedAt: T0.AddSeconds(-5), tracked: false) };
        var early = Run(Job(status: status), pods);
        Assert.Equal(0, early.CreateCount);
        Assert.Equal(T0.AddSeconds(15), early.NextWake);
        Assert.Equal(1, Run(Job(status: status), pods, T0.AddSeconds(16)).CreateCount);
        Assert.Equal(TimeSpan.FromMinutes(10), JobBackoff.Kubernetes.For(20));
        Assert.Equal(TimeSpan.FromSeconds(80), JobBackoff.Kubernetes.For(4));
    }

    [Fact]
    public void TheActiveDeadlineFailsTheJob()
    {
        var status = new JsonObject { ["startTime"] = Timestamps.Format(T0.AddSeconds(-100)) };
        var pending = Run(Job(activeDeadlineSeconds: 120, status: status), [JobPod("pi-1")]);
        Assert.Equal(T0.AddSeconds(20), pending.NextWake);
        var plan = Run(Job(activeDeadlineSeconds: 100, status: status), [JobPod("pi-1")]);
        var target = StatusConditions.Find(plan.Status, "FailureTarget")!;
        Assert.Equal(("DeadlineExceeded", "Job was active longer than specified deadline"), (target.Text("reason"), target.Text("message")));
        Assert.Single(plan.ToDelete);
    }

    [Fact]
    public void SuspendingDeletesActivePodsAndResumingRestartsTheClock()
    {
        var status = new JsonObject { ["startTime"] = Timestamps.Format(T0.AddHours(-1)) };
        var suspended = Run(Job(suspend: true, status: status), [JobPod("pi-1")]);
        Assert.Single(suspended.ToDelete);
        Assert.Equal(("True", "JobSuspended"), (StatusConditions.Find(suspended.Status, "Suspended")!.Text("status"), StatusConditions.Find(suspended.Status, "Suspended")!.Text("reason")));
        Assert.Contains(ControllerEvent.Normal("Suspended", "Job suspended"), suspended.Events);

        var resumed = Run(Job(status: suspended.Status), [], T0.AddMinutes(1));
        Assert.Equal(("False", "JobResumed"), (StatusConditions.Find(resumed.Status, "Suspended")!.Text("status"), StatusConditions.Find(resumed.Status, "Suspended")!.Text("reason")));
        Assert.Equal(Timestamps.Format(T0.AddMinutes(1)), resumed.Status.Str("startTime"));
        Assert.Contains(ControllerEvent.Normal("Resumed", "Job resumed"), resumed.Events);
        Assert.Equal(1, resumed.CreateCount);
    }

    [Fact]
    public void AFinishedJobMayBeDeletedAfterItsTtl()
    {
        var status = Obj($$"""{ "succeeded": 1, "conditions": [ { "type": "Complete", "status": "True", "lastTransitionTime": "{{Timestamps.Format(T0)}}" } ] }""");
        var plan = Run(Job(ttl: 100, status: status), [], T0.AddSeconds(10));
        Assert.Equal(T0.AddSeconds(100), plan.DeleteAt);
        Assert.Equal(T0.AddSeconds(100), plan.NextWake);
        Assert.Equal(0, plan.CreateCount);
        Assert.False(plan.StatusChanged);
    }

    [Fact]
    public void ScalingParallelismDownDeletesTheLeastUsefulPods()
    {
        var pods = new[] { JobPod("ready", ready: true), JobPod("starting") };
        var plan = Run(Job(completions: 10, parallelism: 1, status: new JsonObject { ["startTime"] = Timestamps.Format(T0) }), pods);
        Assert.Equal(["starting"], plan.ToDelete.Select(p => p.Name));
        Assert.Equal([PodEvents.SuccessfulDelete("starting")], plan.Events);
    }

    /// <summary>
    /// Pods run, succeed or fail at random and the controller sees them up to two passes late. The store
    /// never holds more active pods than parallelism, and the count of succeeded pods never passes completions.
    /// </summary>
    [Fact]
    public void ActiveStaysWithinParallelismAndSucceededWithinCompletions()
    {
        var step = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 9]);
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 4], step.Array[5, 50]).Sample((completions, parallelism, schedule) =>
        {
            var job = Job(completions, parallelism, backoffLimit: 100);
            var store = new Dictionary<string, PodView>();
            var history = new List<PodView[]> { Array.Empty<PodView>() };
            var seen = 0;
            var expectations = Expectations.None;
            var now = T0;
            var next = 0;
            foreach (var (lag, outcome) in schedule)
            {
                now = now.AddSeconds(30);
                foreach (var pod in store.Values.Where(p => p.IsActive).ToList())
                {
                    var roll = (outcome + pod.Name.Length) % 10;
                    if (roll < 3) store[pod.Name] = pod with { Phase = PodView.Succeeded, FinishedAt = now };
                    else if (roll == 3) store[pod.Name] = pod with { Phase = PodView.Failed, FinishedAt = now };
                }
                history.Add([.. store.Values]);
                seen = Math.Max(seen, history.Count - 1 - lag);
                expectations = expectations.Observe(history[seen]);
                var plan = JobDecision.Compute(new JobInput(job, history[seen], expectations, now));
                expectations = plan.Expectations;
                job["status"] = plan.Status.DeepClone();
                foreach (var victim in plan.ToDelete) store[victim.Name] = victim with { Phase = PodView.Failed, DeletionTimestamp = now };
                foreach (var pod in plan.RemoveFinalizer) if (store.TryGetValue(pod.Name, out var p)) store[pod.Name] = p with { Finalizers = [] };
                for (var i = 0; i < plan.CreateCount; i++)
                {
                    var name = $"pi-{next++}";
                    store[name] = JobPod(name, PodView.Pending) with { CreationTimestamp = now };
                    expectations = expectations.Created($"default/{name}");
                }
                if (store.Values.Count(p => p.IsActive) > parallelism) return false;
                if (store.Values.Count(p => p.Phase == PodView.Succeeded) > completions) return false;
                if ((job["status"]!.Num("succeeded") ?? 0) > completions) return false;
            }
            return true;
        }, iter: 1000);
    }
}
