using System.Globalization;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// One pass of the CronJob controller (Kubernetes' cronjob_controllerv2 syncCronJob and
/// cleanupFinishedJobs): reconcile <c>status.active</c> with the Jobs it controls, then start at most one
/// Job, for the most recent missed schedule time, and only within <c>startingDeadlineSeconds</c>; honour
/// suspend and concurrencyPolicy; trim finished Jobs to the history limits; say when to wake next.
/// </summary>
public static class CronJobDecision
{
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    private static readonly TimeSpan NextScheduleDelta = TimeSpan.FromMilliseconds(100);

    public static CronJobPlan Compute(CronJobInput input)
    {
        var cj = input.CronJob;
        var now = input.Now;
        var spec = cj.Spec();
        var uid = cj.Uid() ?? "";
        var jobs = input.Jobs.Where(j => PodView.ControllerOf(j)?.Uid == uid).ToList();
        var status = (JsonObject?)cj.Status()?.DeepClone() ?? [];
        var events = new List<ControllerEvent>();
        var toDelete = new List<string>();

        foreach (var job in jobs)
        {
            var inActive = ActiveRefs(status).Any(r => r.Text("uid") == job.Uid());
            var finished = FinishedType(job);
            if (!inActive && finished is null)
            {
                events.Add(ControllerEvent.Warning("UnexpectedJob", $"Saw a job that the controller did not create or forgot: {job.Name()}"));
            }
            else if (inActive && finished is not null)
            {
                RemoveActive(status, job.Uid());
                events.Add(ControllerEvent.Normal("SawCompletedJob", $"Saw completed job: {job.Name()}, status: {finished}"));
            }
            else if (finished == "Complete" && job.Status().Time("completionTime") is { } completed &&
                (status.Time("lastSuccessfulTime") is not { } last || completed > last))
            {
                status["lastSuccessfulTime"] = Timestamps.Format(completed);
            }
        }
        foreach (var missing in ActiveRefs(status).Where(r => jobs.All(j => j.Uid() != r.Text("uid"))).ToList())
        {
            events.Add(ControllerEvent.Normal("MissingJob", $"Active job went missing: {missing.Text("name")}"));
            RemoveActive(status, missing.Text("uid"));
        }

        var (create, wake, why) = Schedule(cj, status, jobs, now, events, toDelete);
        CleanupFinished(cj, jobs, status, events, toDelete);
        return new CronJobPlan(create, toDelete, status, !JsonNode.DeepEquals(status, cj.Status() ?? []), wake, events, why);
    }

    private static (JsonObject? Create, DateTimeOffset? Wake, string Why) Schedule(JsonObject cj, JsonObject status, List<JsonObject> jobs, DateTimeOffset now, List<ControllerEvent> events, List<string> toDelete)
    {
        var spec = cj.Spec();
        if (cj.DeletionTimestamp() is not null) return (null, null, "being deleted");
        var timeZone = spec.Str("timeZone");
        if (!CronSchedule.TryZone(timeZone, out var zone, out var zoneError))
        {
            events.Add(ControllerEvent.Warning("UnknownTimeZone", $"invalid timeZone: \"{timeZone}\": {zoneError}"));
            return (null, null, "invalid time zone");
        }
        if (spec.Flag("suspend") == true) return (null, null, "suspended");
        var text = spec.Text("schedule");
        if (text.Contains("TZ", StringComparison.Ordinal))
        {
            events.Add(ControllerEvent.Warning("UnsupportedSchedule", $"CRON_TZ or TZ used in schedule \"{text}\" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details"));
        }
        if (CronSchedule.TryParse(text, zone!, out var parseError) is not { } schedule)
        {
            events.Add(ControllerEvent.Warning("UnparseableSchedule", $"unparseable schedule: \"{text}\" : {parseError}"));
            return (null, null, "unparseable schedule");
        }

        var deadline = spec.Num("startingDeadlineSeconds");
        var recent = MostRecent(cj, status, now, schedule, deadline, out var missed, out var error);
        if (error is not null)
        {
            events.Add(ControllerEvent.Warning("InvalidSchedule", $"invalid schedule: {text} : {error}"));
            return (null, null, "invalid schedule");
        }
        if (missed > 100)
        {
            events.Add(ControllerEvent.Warning("TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"));
        }
        if (recent is not { } scheduled) return (null, NextWake(cj, status, now, schedule), "no schedule due");
        if (deadline is { } seconds && scheduled.AddSeconds(seconds) < now)
        {
            events.Add(ControllerEvent.Warning("MissSchedule", $"Missed scheduled time to start a job: {Rfc1123Z(scheduled)}"));
            return (null, NextWake(cj, status, now, schedule), "missed the starting deadline");
        }
        var name = JobName(cj, scheduled);
        if (ActiveRefs(status).Any(r => r.Text("name") == name) || status.Time("lastScheduleTime") == scheduled)
        {
            return (null, NextWake(cj, status, now, schedule), "scheduled time already processed");
        }
        var policy = spec.Str("concurrencyPolicy") ?? "Allow";
        if (policy == "Forbid" && ActiveRefs(status).Count > 0)
        {
            events.Add(ControllerEvent.Normal("JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid"));
            return (null, NextWake(cj, status, now, schedule), "forbidden: a job is still active");
        }
        if (policy == "Replace")
        {
            foreach (var active in ActiveRefs(status).ToList())
            {
                toDelete.Add(active.Text("name"));
                RemoveActive(status, active.Text("uid"));
                events.Add(ControllerEvent.Normal("SuccessfulDelete", $"Deleted job {active.Text("name")}"));
            }
        }

        status["lastScheduleTime"] = Timestamps.Format(scheduled);
        var existing = jobs.FirstOrDefault(j => j.Name() == name);
        if (existing is not null)
        {
            // Created on an earlier pass whose status write was lost: adopt it into the active list.
            if (ActiveRefs(status).All(r => r.Text("uid") != existing.Uid())) AddActive(status, existing);
            return (null, NextWake(cj, status, now, schedule), $"job {name} already exists");
        }
        events.Add(ControllerEvent.Normal("SuccessfulCreate", $"Created job {name}"));
        return (JobFor(cj, scheduled, zone!), NextWake(cj, status, now, schedule), $"starting job {name} for {Timestamps.Format(scheduled)}");
    }

    /// <summary>
    /// mostRecentScheduleTime: the latest schedule time in (lastScheduleTime or creation, now], never earlier
    /// than now - startingDeadlineSeconds; <paramref name="missed"/> estimates how many were skipped.
    /// </summary>
    private static DateTimeOffset? MostRecent(JsonObject cj, JsonObject status, DateTimeOffset now, CronSchedule schedule, long? deadline, out long missed, out string? error)
    {
        missed = 0;
        error = null;
        var earliest = EarliestTime(cj, status);
        if (deadline is { } seconds && now.AddSeconds(-seconds) > earliest) earliest = now.AddSeconds(-seconds);
        if (schedule.Next(earliest) is not { } t1 || schedule.Next(t1) is not { } t2)
        {
            error = "time difference between two schedules is less than 1 second";
            return null;
        }
        if (now < t1) return null;
        if (now < t2) return t1;
        var between = (long)Math.Round((t2 - t1).TotalSeconds);
        if (between < 1)
        {
            error = "time difference between two schedules is less than 1 second";
            return null;
        }
        missed = ((long)(now - t1).TotalSeconds / between) + 1;
        DateTimeOffset? recent = null;
        for (var t = schedule.Next(t1.AddSeconds((missed - 2) * between)); t is { } at && at <= now; t = schedule.Next(at)) recent = at;
        return recent;
    }

    /// <summary>nextScheduleTimeDuration: the schedule time after the most recent one, plus 100 ms.</summary>
    private static DateTimeOffset? NextWake(JsonObject cj, JsonObject status, DateTimeOffset now, CronSchedule schedule)
    {
        var recent = MostRecent(cj, status, now, schedule, null, out var missed, out var error);
        var from = error is not null ? now : recent ?? (missed == 0 ? EarliestTime(cj, status) : now);
        return schedule.Next(from) + NextScheduleDelta;
    }

    private static DateTimeOffset EarliestTime(JsonObject cj, JsonObject status) =>
        status.Time("lastScheduleTime") ?? cj.Metadata().Time("creationTimestamp") ?? DateTimeOffset.UnixEpoch;

    /// <summary>getJobFromTemplate2: labels and annotations of the template, the scheduled time, a controller reference.</summary>
    public static JsonObject JobFor(JsonObject cj, DateTimeOffset scheduled, TimeZoneInfo zone)
    {
        var template = cj.Spec()?["jobTemplate"] as JsonObject;
        var annotations = (JsonObject?)template.At("metadata", "annotations")?.DeepClone() ?? [];
        annotations[ScheduledTimestampAnnotation] = Rfc3339(TimeZoneInfo.ConvertTime(scheduled, zone));
        var metadata = new JsonObject { ["name"] = JobName(cj, scheduled), ["namespace"] = cj.Namespace() };
        if (template.At("metadata", "labels") is JsonObject labels) metadata["labels"] = labels.DeepClone();
        metadata["annotations"] = annotations;
        metadata["ownerReferences"] = new JsonArray(OwnerRef.ControllerRefTo(cj));
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = metadata,
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>getJobName: the CronJob's name and the scheduled time in minutes since the epoch.</summary>
    public static string JobName(JsonObject cj, DateTimeOffset scheduled) =>
        $"{cj.Name()}-{(scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The ObjectReference <c>status.active</c> holds.</summary>
    public static JsonObject Reference(JsonObject job) => new()
    {
        ["kind"] = "Job",
        ["namespace"] = job.Namespace(),
        ["name"] = job.Name(),
        ["uid"] = job.Uid(),
        ["apiVersion"] = "batch/v1",
        ["resourceVersion"] = job.ResourceVersion(),
    };

    /// <summary>cleanupFinishedJobs: keep the newest successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1) finished Jobs.</summary>
    private static void CleanupFinished(JsonObject cj, List<JsonObject> jobs, JsonObject status, List<ControllerEvent> events, List<string> toDelete)
    {
        var spec = cj.Spec();
        void Trim(string type, long limit)
        {
            var finished = jobs.Where(j => FinishedType(j) == type && !toDelete.Contains(j.Name() ?? "")).ToList();
            finished.Sort((a, b) =>
            {
                var (sa, sb) = (a.Status().Time("startTime"), b.Status().Time("startTime"));
                if (sa is null != sb is null) return sa is null ? 1 : -1;
                var byTime = Nullable.Compare(sa, sb);
                return byTime != 0 ? byTime : string.CompareOrdinal(a.Name(), b.Name());
            });
            foreach (var job in finished.Take(Math.Max(0, finished.Count - (int)limit)))
            {
                toDelete.Add(job.Name() ?? "");
                RemoveActive(status, job.Uid());
                events.Add(ControllerEvent.Normal("SuccessfulDelete", $"Deleted job {job.Name()}"));
            }
        }
        Trim("Complete", spec.Num("successfulJobsHistoryLimit") ?? 3);
        Trim("Failed", spec.Num("failedJobsHistoryLimit") ?? 1);
    }

    private static string? FinishedType(JsonObject job) =>
        StatusConditions.IsTrue(job.Status(), "Complete") ? "Complete" : StatusConditions.IsTrue(job.Status(), "Failed") ? "Failed" : null;

    private static IReadOnlyList<JsonObject> ActiveRefs(JsonObject status) => status.Objects("active");

    private static void AddActive(JsonObject status, JsonObject job)
    {
        if (status["active"] is not JsonArray active) status["active"] = active = [];
        active.Add(Reference(job));
    }

    private static void RemoveActive(JsonObject status, string? uid)
    {
        if (status["active"] is not JsonArray active) return;
        foreach (var entry in active.OfType<JsonObject>().Where(r => r.Text("uid") == uid).ToList()) active.Remove(entry);
        if (active.Count == 0) status.Remove("active");
    }

    /// <summary>Go's time.RFC3339: <c>Z</c> for a zero offset, else <c>+hh:mm</c>.</summary>
    private static string Rfc3339(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) +
        (time.Offset == TimeSpan.Zero ? "Z" : time.ToString("zzz", CultureInfo.InvariantCulture));

    /// <summary>Go's time.RFC1123Z in UTC, as the MissSchedule event prints the time.</summary>
    private static string Rfc1123Z(DateTimeOffset time) => time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>kubectl create job --from=cronjob/NAME</c> builds this Job client-side (no server help is needed); the
/// CronJob controller then reports it as an UnexpectedJob, as Kubernetes' does.
/// </summary>
public static class JobFromCronJob
{
    public const string InstantiateAnnotation = "cronjob.kubernetes.io/instantiate";

    public static JsonObject Build(JsonObject cronJob, string name)
    {
        var template = cronJob.Spec()?["jobTemplate"] as JsonObject;
        var annotations = new JsonObject { [InstantiateAnnotation] = "manual" };
        foreach (var (key, value) in ObjectAccess.StringMap(template.At("metadata", "annotations"))) annotations[key] = value;
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = cronJob.Namespace(), ["annotations"] = annotations };
        if (template.At("metadata", "labels") is JsonObject labels) metadata["labels"] = labels.DeepClone();
        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "batch/v1", ["kind"] = "CronJob", ["name"] = cronJob.Name(), ["uid"] = cronJob.Uid(), ["controller"] = true,
        });
        return new JsonObject { ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["metadata"] = metadata, ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject() };
    }
}
