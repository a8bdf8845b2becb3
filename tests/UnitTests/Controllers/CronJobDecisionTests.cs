using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Controllers;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class CronJobDecisionTests
{
    private static JsonObject CronJob(string schedule = "*/5 * * * *", string policy = "Allow", long? startingDeadline = null, string? timeZone = null,
        DateTimeOffset? lastSchedule = null, JsonArray? active = null, bool suspend = false)
    {
        var cj = Obj($$"""
        { "apiVersion": "batch/v1", "kind": "CronJob",
          "metadata": { "name": "hello", "namespace": "default", "uid": "cj-uid", "creationTimestamp": "{{Timestamps.Format(T0.AddHours(-1))}}" },
          "spec": { "schedule": "{{schedule}}", "concurrencyPolicy": "{{policy}}", "suspend": {{(suspend ? "true" : "false")}},
            "jobTemplate": { "metadata": { "labels": { "team": "a" } }, "spec": { "template": { "spec": { "restartPolicy": "OnFailure", "containers": [] } } } } },
          "status": {} }
        """);
        if (startingDeadline is not null) cj.Spec()!["startingDeadlineSeconds"] = startingDeadline;
        if (timeZone is not null) cj.Spec()!["timeZone"] = timeZone;
        if (lastSchedule is not null) cj["status"]!["lastScheduleTime"] = Timestamps.Format(lastSchedule.Value);
        if (active is not null) cj["status"]!["active"] = active;
        return cj;
    }

    private static JsonObject OwnedJob(string name, string uid, string? finished = null, DateTimeOffset? start = null, DateTimeOffset? completion = null)
    {
        var job = Obj($$"""
        { "apiVersion": "batch/v1", "kind": "Job",
          "metadata": { "name": "{{name}}", "namespace": "default", "uid": "{{uid}}", "ownerReferences": [ { "kind": "CronJob", "uid": "cj-uid", "controller": true } ] },
          "status": { "startTime": "{{Timestamps.Format(start ?? T0)}}" } }
        """);
        if (finished is not null) job["status"]!["conditions"] = new JsonArray(new JsonObject { ["type"] = finished, ["status"] = "True" });
        if (completion is not null) job["status"]!["completionTime"] = Timestamps.Format(completion.Value);
        return job;
    }

    private static CronJobPlan Run(JsonObject cj, DateTimeOffset now, params JsonObject[] jobs) => CronJobDecision.Compute(new CronJobInput(cj, jobs, now));

    [Fact]
    public void StartsTheJobForTheLatestDueTimeNamedByMinutesSinceEpoch()
    {
        var plan = Run(CronJob(lastSchedule: T0.AddMinutes(-5)), T0.AddSeconds(3));
        var job = plan.JobToCreate!;
        Assert.Equal($"hello-{T0.ToUnixTimeSeconds() / 60}", job.Name());
        Assert.Equal("2025-01-01T12:00:00Z", job.Annotations()[CronJobDecision.ScheduledTimestampAnnotation]);
        Assert.Equal("a", job.Labels()["team"]);
        Assert.Equal(("CronJob", "cj-uid", true), (PodView.ControllerOf(job)!.Kind, PodView.ControllerOf(job)!.Uid, PodView.ControllerOf(job)!.BlockOwnerDeletion));
        Assert.Equal(Timestamps.Format(T0), plan.Status.Str("lastScheduleTime"));
        Assert.Equal([ControllerEvent.Normal("SuccessfulCreate", $"Created job {job.Name()}")], plan.Events);
        Assert.Equal(T0.AddMinutes(5).AddMilliseconds(100), plan.NextWake);
        var created = job.Clone();
        created.Metadata()["uid"] = "j1";
        Assert.Equal("j1", plan.StatusWith(created).Objects("active")[0].Text("uid"));
    }

    [Fact]
    public void OnlyOneCatchUpRunForManyMissedTimes()
    {
        var plan = Run(CronJob(lastSchedule: T0.AddMinutes(-30)), T0.AddSeconds(3));
        Assert.Equal($"hello-{T0.ToUnixTimeSeconds() / 60}", plan.JobToCreate!.Name());
    }

    [Fact]
    public void TooManyMissedTimesIsWarnedAbout()
    {
        var plan = Run(CronJob(schedule: "* * * * *", lastSchedule: T0.AddHours(-3)), T0.AddSeconds(3));
        Assert.Contains(ControllerEvent.Warning("TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"), plan.Events);
        Assert.NotNull(plan.JobToCreate);
    }

    [Fact]
    public void ARunMissedByMoreThanTheStartingDeadlineIsSkipped()
    {
        var plan = Run(CronJob(startingDeadline: 60, lastSchedule: T0.AddMinutes(-5)), T0.AddMinutes(2));
        Assert.Null(plan.JobToCreate);
        Assert.Equal(T0.AddMinutes(5).AddMilliseconds(100), plan.NextWake);
        var inside = Run(CronJob(startingDeadline: 200, lastSchedule: T0.AddMinutes(-5)), T0.AddMinutes(2));
        Assert.NotNull(inside.JobToCreate);
    }

    [Fact]
    public void ForbidWaitsForTheActiveJobAndReplaceDeletesIt()
    {
        var active = new JsonArray(new JsonObject { ["kind"] = "Job", ["name"] = "hello-1", ["uid"] = "j1" });
        var running = OwnedJob("hello-1", "j1");
        var forbid = Run(CronJob(policy: "Forbid", lastSchedule: T0.AddMinutes(-5), active: active), T0.AddSeconds(1), running);
        Assert.Null(forbid.JobToCreate);
        Assert.Equal([ControllerEvent.Normal("JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid")], forbid.Events);

        var replace = Run(CronJob(policy: "Replace", lastSchedule: T0.AddMinutes(-5), active: (JsonArray)active.DeepClone()), T0.AddSeconds(1), running);
        Assert.Equal(["hello-1"], replace.JobsToDelete);
        Assert.NotNull(replace.JobToCreate);
        Assert.Contains(ControllerEvent.Normal("SuccessfulDelete", "Deleted job hello-1"), replace.Events);
    }

    [Fact]
    public void CompletedJobsLeaveTheActiveListAndSetLastSuccessfulTime()
    {
        var active = new JsonArray(new JsonObject { ["kind"] = "Job", ["name"] = "hello-1", ["uid"] = "j1" });
        var done = OwnedJob("hello-1", "j1", finished: "Complete", completion: T0.AddSeconds(-30));
        var first = Run(CronJob(lastSchedule: T0.AddMinutes(-2), active: active), T0, done);
        Assert.Empty(first.Status.Objects("active"));
        Assert.Contains(ControllerEvent.Normal("SawCompletedJob", "Saw completed job: hello-1, status: Complete"), first.Events);

        var cj = CronJob(lastSchedule: T0.AddMinutes(-2));
        cj["status"] = first.Status.DeepClone();
        Assert.Equal(Timestamps.Format(T0.AddSeconds(-30)), Run(cj, T0, done).Status.Str("lastSuccessfulTime"));
    }

    [Fact]
    public void HistoryKeepsThreeSucceededAndOneFailedJob()
    {
        var jobs = Enumerable.Range(1, 5).Select(i => OwnedJob($"ok-{i}", $"ok{i}", "Complete", start: T0.AddMinutes(-10 * (6 - i))))
            .Concat(Enumerable.Range(1, 2).Select(i => OwnedJob($"bad-{i}", $"bad{i}", "Failed", start: T0.AddMinutes(-10 * (3 - i))))).ToArray();
        var plan = Run(CronJob(lastSchedule: T0.AddMinutes(-2)), T0, jobs);
        Assert.Equal(["ok-1", "ok-2", "bad-1"], plan.JobsToDelete);
    }

    [Fact]
    public void SuspendedCronJobsStartNothing() => Assert.Null(Run(CronJob(suspend: true, lastSchedule: T0.AddMinutes(-5)), T0.AddSeconds(1)).JobToCreate);

    [Fact]
    public void TimeZonesComeFromTheFieldOrACronTzPrefix()
    {
        var paris = Run(CronJob(schedule: "0 13 * * *", timeZone: "Europe/Paris", lastSchedule: T0.AddDays(-1)), T0.AddSeconds(1));
        Assert.Equal("2025-01-01T13:00:00+01:00", paris.JobToCreate!.Annotations()[CronJobDecision.ScheduledTimestampAnnotation]);
        var prefixed = Run(CronJob(schedule: "CRON_TZ=Europe/Paris 0 13 * * *", lastSchedule: T0.AddDays(-1)), T0.AddSeconds(1));
        Assert.Equal(paris.JobToCreate!.Name(), prefixed.JobToCreate!.Name());
        Assert.Equal("UnsupportedSchedule", prefixed.Events[0].Reason);
        var unknown = Run(CronJob(timeZone: "Mars/Olympus"), T0);
        Assert.Equal("UnknownTimeZone", Assert.Single(unknown.Events).Reason);
    }

    [Fact]
    public void AnUnparseableScheduleIsReported()
    {
        var plan = Run(CronJob(schedule: "every day"), T0);
        Assert.Equal("UnparseableSchedule", Assert.Single(plan.Events).Reason);
        Assert.Null(plan.JobToCreate);
    }

    [Fact]
    public void AManualJobFromTheCronJobIsWhatKubectlSends()
    {
        var job = JobFromCronJob.Build(CronJob(), "manual-1");
        Assert.Equal("manual", job.Annotations()["cronjob.kubernetes.io/instantiate"]);
        Assert.False(PodView.ControllerOf(job)!.BlockOwnerDeletion);
        var plan = Run(CronJob(lastSchedule: T0), T0.AddSeconds(1), OwnedJob("manual-1", "m1"));
        Assert.Contains(ControllerEvent.Warning("UnexpectedJob", "Saw a job that the controller did not create or forgot: manual-1"), plan.Events);
    }
}
