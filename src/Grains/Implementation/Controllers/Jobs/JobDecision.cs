using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// One level-based pass of the Job controller (NonIndexed completion mode), as Kubernetes' syncJob with
/// finalizer-tracked counting: finished pods are first listed in <c>status.uncountedTerminatedPods</c>, their
/// <c>batch.kubernetes.io/job-tracking</c> finalizer is removed, and the next pass moves them into
/// <c>succeeded</c>/<c>failed</c>, so no pod is counted twice or lost. A Job first gets the interim
/// SuccessCriteriaMet or FailureTarget condition, then Complete or Failed once nothing is left uncounted or
/// terminating.
/// </summary>
public static class JobDecision
{
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";

    public static JobPlan Compute(JobInput input)
    {
        var job = input.Job;
        var now = input.Now;
        var spec = job.Spec();
        var uid = job.Uid() ?? "";
        var jobDeleting = job.DeletionTimestamp() is not null;
        var selector = spec?["selector"] is JsonObject s ? LabelSelector.FromObject(s) : LabelSelector.FromMap(new Dictionary<string, string> { ["batch.kubernetes.io/controller-uid"] = uid });
        var claim = OwnedPods.Classify(uid, selector, jobDeleting, input.Pods);
        var pods = claim.Claimed;
        var template = PodTemplates.PodFrom(job, spec?["template"] as JsonObject);
        AddFinalizer(template);
        var oldStatus = job.Status() ?? [];
        var status = (JsonObject)oldStatus.DeepClone();
        var events = new List<ControllerEvent>();
        var deleteAt = TtlDeadline(job);

        if (IsFinished(oldStatus) || jobDeleting)
        {
            var leftovers = pods.Where(p => p.HasFinalizer(TrackingFinalizer)).ToList();
            var why = jobDeleting ? "being deleted: releasing pod finalizers" : "finished";
            return new JobPlan(0, [], template, [], leftovers, [], [], status, false, input.Expectations, deleteAt > now ? deleteAt : null, deleteAt, events, why);
        }

        var suspended = spec.Flag("suspend") == true;
        var parallelism = (int)(spec.Num("parallelism") ?? 1);
        int? completions = spec.Num("completions") is { } c ? (int)c : spec.Num("parallelism") is null ? 1 : null;
        var backoffLimit = (int)(spec.Num("backoffLimit") ?? 6);
        var uncountedSucceeded = oldStatus.Strings("uncountedTerminatedPods", "succeeded").ToHashSet(StringComparer.Ordinal);
        var uncountedFailed = oldStatus.Strings("uncountedTerminatedPods", "failed").ToHashSet(StringComparer.Ordinal);
        bool Tracked(PodView p) => p.HasFinalizer(TrackingFinalizer) && !uncountedSucceeded.Contains(p.Uid) && !uncountedFailed.Contains(p.Uid);

        var active = pods.Where(p => p.IsActive).ToList();
        var succeeded = (int)(oldStatus.Num("succeeded") ?? 0) + uncountedSucceeded.Count + pods.Count(p => Tracked(p) && p.Phase == PodView.Succeeded);
        var failed = (int)(oldStatus.Num("failed") ?? 0) + uncountedFailed.Count + pods.Count(p => Tracked(p) && IsFailed(p));
        if (status["startTime"] is null && !suspended) status["startTime"] = Timestamps.Format(now);
        var startTime = status.Time("startTime");
        var satisfied = input.Expectations.IsSatisfied(now);
        var expectations = input.Expectations.Expire(now);
        DateTimeOffset? wake = null;

        JsonObject? finished = null;
        if (StatusConditions.IsTrue(oldStatus, "SuccessCriteriaMet")) finished = Condition("SuccessCriteriaMet", StatusConditions.Find(oldStatus, "SuccessCriteriaMet"));
        else if (StatusConditions.IsTrue(oldStatus, "FailureTarget")) finished = Condition("FailureTarget", StatusConditions.Find(oldStatus, "FailureTarget"));
        else if (failed > backoffLimit || PastBackoffLimitOnFailure(spec, pods, backoffLimit)) finished = NewCondition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
        else if (spec.Num("activeDeadlineSeconds") is { } deadline && startTime is { } started && !suspended)
        {
            if (now - started >= TimeSpan.FromSeconds(deadline)) finished = NewCondition("FailureTarget", "DeadlineExceeded", "Job was active longer than specified deadline", now);
            else wake = started.AddSeconds(deadline);
        }

        var create = 0;
        var toDelete = new List<PodView>();
        string reason;
        if (finished is not null && finished.Text("type") == "FailureTarget")
        {
            toDelete.AddRange(active);
            if (!satisfied) finished = null;
            active = [];
            reason = $"failed ({StatusConditions.Find(oldStatus, "FailureTarget")?.Text("reason") ?? finished?.Text("reason")}): stopping {toDelete.Count} pod(s)";
        }
        else
        {
            var managed = false;
            reason = $"waiting to observe {expectations.PendingCreates} create(s) and {expectations.PendingDeletes} delete(s)";
            if (satisfied && finished is null)
            {
                managed = true;
                if (suspended)
                {
                    toDelete.AddRange(PodDeletionOrder.Plain(active));
                    reason = $"suspended: deleting {toDelete.Count} active pod(s)";
                }
                else
                {
                    var want = completions is null ? (succeeded > 0 ? active.Count : parallelism) : Math.Clamp(Math.Min(completions.Value - succeeded, parallelism), 0, int.MaxValue);
                    if (active.Count > want)
                    {
                        toDelete.AddRange(PodDeletionOrder.Plain(active).Take(Math.Min(active.Count - want, SlowStart.DefaultBurst)));
                        reason = $"{active.Count} active, {want} wanted: deleting {toDelete.Count}";
                    }
                    else if (active.Count < want)
                    {
                        var backoffEnds = BackoffEnds(pods, input.Backoff ?? JobBackoff.Kubernetes);
                        if (backoffEnds > now)
                        {
                            wake = Earliest(wake, backoffEnds);
                            reason = $"{active.Count} active, {want} wanted: backing off until {Timestamps.Format(backoffEnds.Value)}";
                        }
                        else
                        {
                            create = Math.Min(want - active.Count, SlowStart.DefaultBurst);
                            expectations = expectations.ExpectCreations(create, now);
                            reason = $"{active.Count} active, {want} wanted: creating {create}";
                        }
                    }
                    else
                    {
                        reason = $"{active.Count} active, {succeeded} succeeded";
                    }
                }
                expectations = expectations.ExpectDeletions(toDelete.Select(p => p.Key), now);
                events.AddRange(toDelete.Select(p => PodEvents.SuccessfulDelete(p.Name)));
                active = active.Except(toDelete).ToList();
            }
            var complete = completions is null ? succeeded > 0 && active.Count == 0 : succeeded >= completions && active.Count == 0;
            if (complete && finished is null) finished = NewCondition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now);
            else if (!complete && managed) SuspendedCondition(status, suspended, now, events);
            if (finished is not null) reason = "completions reached";
        }

        var terminating = pods.Count(p => p.IsTerminating) + toDelete.Count;
        var removeFinalizer = Track(status, pods, finished, jobDeleting, IsFailed);
        if (finished is not null) Finish(status, finished, terminating, now, events, completions);

        status["active"] = active.Count;
        ReplicaSetDecision.SetCount(status, "active", active.Count);
        status["ready"] = active.Count(p => p.Ready);
        status["terminating"] = terminating;
        return new JobPlan(
            create, SlowStart.Batches(create), template, toDelete, removeFinalizer, claim.Adopt, claim.Release,
            status, !JsonNode.DeepEquals(status, oldStatus), expectations, wake, deleteAt, events, reason);
    }

    /// <summary>trackJobStatusAndRemoveFinalizers: count pods whose finalizer is gone; list newly finished ones as uncounted.</summary>
    private static List<PodView> Track(JsonObject status, IReadOnlyList<PodView> pods, JsonObject? finished, bool jobDeleting, Func<PodView, bool> isFailed)
    {
        var withFinalizer = pods.Where(p => p.HasFinalizer(TrackingFinalizer)).Select(p => p.Uid).ToHashSet(StringComparer.Ordinal);
        var succeededUids = status.Strings("uncountedTerminatedPods", "succeeded").ToList();
        var failedUids = status.Strings("uncountedTerminatedPods", "failed").ToList();
        ReplicaSetDecision.SetCount(status, "succeeded", (status.Num("succeeded") ?? 0) + succeededUids.Count(u => !withFinalizer.Contains(u)));
        ReplicaSetDecision.SetCount(status, "failed", (status.Num("failed") ?? 0) + failedUids.Count(u => !withFinalizer.Contains(u)));
        succeededUids.RemoveAll(u => !withFinalizer.Contains(u));
        failedUids.RemoveAll(u => !withFinalizer.Contains(u));

        var failing = finished is not null && finished.Text("type") == "FailureTarget";
        var remove = new List<PodView>();
        foreach (var pod in pods.Where(p => p.HasFinalizer(TrackingFinalizer)))
        {
            var considerFailed = isFailed(pod);
            if (!(jobDeleting || finished is not null || pod.Phase == PodView.Succeeded || considerFailed)) continue;
            remove.Add(pod);
            if (pod.Phase == PodView.Succeeded && !failedUids.Contains(pod.Uid))
            {
                if (!succeededUids.Contains(pod.Uid)) succeededUids.Add(pod.Uid);
            }
            else if ((considerFailed || failing) && !failedUids.Contains(pod.Uid))
            {
                failedUids.Add(pod.Uid);
            }
            if (succeededUids.Count + failedUids.Count >= 500) break;
        }
        var uncounted = new JsonObject();
        if (succeededUids.Count > 0) uncounted["succeeded"] = new JsonArray([.. succeededUids.Select(u => JsonValue.Create(u))]);
        if (failedUids.Count > 0) uncounted["failed"] = new JsonArray([.. failedUids.Select(u => JsonValue.Create(u))]);
        status["uncountedTerminatedPods"] = uncounted;
        return remove;
    }

    /// <summary>The interim condition is written now; the final one once nothing is uncounted or terminating.</summary>
    private static void Finish(JsonObject status, JsonObject interim, int terminating, DateTimeOffset now, List<ControllerEvent> events, int? completions)
    {
        var type = interim.Text("type");
        if (!StatusConditions.IsTrue(status, type)) StatusConditions.Put(status, interim);
        if (status.Count("uncountedTerminatedPods") > 0 || terminating > 0) return;
        var final = type == "SuccessCriteriaMet" ? "Complete" : "Failed";
        var condition = NewCondition(final, interim.Text("reason"), interim.Text("message"), now);
        StatusConditions.Put(status, condition);
        if (final == "Complete")
        {
            status["completionTime"] = Timestamps.Format(now);
            if (completions is { } wanted && (status.Num("succeeded") ?? 0) > wanted)
            {
                events.Add(ControllerEvent.Warning("TooManySucceededPods", "Too many succeeded pods running after completion count reached"));
            }
            events.Add(ControllerEvent.Normal("Completed", "Job completed"));
        }
        else
        {
            events.Add(ControllerEvent.Warning(condition.Text("reason"), condition.Text("message")));
        }
    }

    private static void SuspendedCondition(JsonObject status, bool suspended, DateTimeOffset now, List<ControllerEvent> events)
    {
        var current = StatusConditions.Find(status, "Suspended");
        var (state, reason, message) = suspended ? ("True", "JobSuspended", "Job suspended") : ("False", "JobResumed", "Job resumed");
        if (current is null && !suspended) return;
        if (current is not null && current.Text("status") == state && current.Text("reason") == reason && current.Text("message") == message) return;
        StatusConditions.Put(status, NewCondition("Suspended", reason, message, now, state));
        events.Add(ControllerEvent.Normal(suspended ? "Suspended" : "Resumed", message));
        if (!suspended) status["startTime"] = Timestamps.Format(now);
    }

    /// <summary>isPodFailed: failed, or deleted before it could succeed.</summary>
    public static bool IsFailed(PodView pod) => pod.Phase == PodView.Failed || (pod.DeletionTimestamp is not null && pod.Phase != PodView.Succeeded);

    public static bool IsFinished(JsonNode? status) => StatusConditions.IsTrue(status, "Complete") || StatusConditions.IsTrue(status, "Failed");

    /// <summary>pastBackoffLimitOnFailure: with restartPolicy OnFailure the kubelet restarts containers, so restarts count as failures.</summary>
    private static bool PastBackoffLimitOnFailure(JsonObject? spec, IEnumerable<PodView> pods, int backoffLimit)
    {
        if (spec.Str("template", "spec", "restartPolicy") != "OnFailure") return false;
        var restarts = pods.Where(p => p.Phase is PodView.Running or PodView.Pending).Sum(p => p.RestartCount);
        return backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }

    /// <summary>When the failed-pod back-off allows the next create: consecutive failures since the last success.</summary>
    private static DateTimeOffset? BackoffEnds(IReadOnlyList<PodView> pods, JobBackoff backoff)
    {
        static DateTimeOffset Finish(PodView p) => p.FinishedAt ?? p.CreationTimestamp ?? DateTimeOffset.MinValue;
        var lastSuccess = pods.Where(p => p.Phase == PodView.Succeeded).Select(Finish).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var failures = pods.Where(p => IsFailed(p) && Finish(p) > lastSuccess).Select(Finish).ToList();
        return failures.Count == 0 ? null : failures.Max() + backoff.For(failures.Count);
    }

    private static DateTimeOffset? TtlDeadline(JsonObject job)
    {
        if (job.Spec().Num("ttlSecondsAfterFinished") is not { } ttl) return null;
        var finished = StatusConditions.Find(job.Status(), "Complete") is { } c && c.Text("status") == "True" ? c
            : StatusConditions.Find(job.Status(), "Failed") is { } f && f.Text("status") == "True" ? f : null;
        return finished?.Time("lastTransitionTime")?.AddSeconds(ttl);
    }

    private static JsonObject NewCondition(string type, string? reason, string? message, DateTimeOffset now, string status = "True") =>
        StatusConditions.Make(type, status, reason, message, now, "lastProbeTime", "lastTransitionTime");

    private static JsonObject Condition(string type, JsonObject? existing) => (JsonObject?)existing?.DeepClone() ?? new JsonObject { ["type"] = type };

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static void AddFinalizer(JsonObject pod)
    {
        var meta = pod.Metadata();
        if (meta["finalizers"] is not JsonArray finalizers) meta["finalizers"] = finalizers = [];
        if (!finalizers.Any(f => f?.GetValue<string>() == TrackingFinalizer)) finalizers.Add(TrackingFinalizer);
    }
}
