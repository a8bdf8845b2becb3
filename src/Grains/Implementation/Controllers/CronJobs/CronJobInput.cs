using System.Text.Json.Nodes;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>What one CronJob pass sees: the CronJob and the Jobs of its namespace (the decision keeps those it controls).</summary>
public sealed record CronJobInput(JsonObject CronJob, IReadOnlyList<JsonObject> Jobs, DateTimeOffset Now);

/// <summary>What the grain does for one CronJob pass: delete Jobs, create the Job, then write status.</summary>
/// <param name="JobToCreate">The Job for the scheduled time, named <c>&lt;cronjob&gt;-&lt;minutes since epoch&gt;</c>; AlreadyExists for a Job it controls counts as created.</param>
/// <param name="JobsToDelete">Jobs replaced (concurrencyPolicy Replace) or beyond the history limits; delete with propagation Background.</param>
/// <param name="Status">The new status should the create fail or none be planned; use <see cref="StatusWith"/> once the Job exists.</param>
/// <param name="NextWake">The next scheduled time plus Kubernetes' 100 ms margin.</param>
public sealed record CronJobPlan(
    JsonObject? JobToCreate,
    IReadOnlyList<string> JobsToDelete,
    JsonObject Status,
    bool StatusChanged,
    DateTimeOffset? NextWake,
    IReadOnlyList<ControllerEvent> Events,
    string Why)
{
    /// <summary>The status after the planned Job was created: its reference joins <c>status.active</c>.</summary>
    public JsonObject StatusWith(JsonObject createdJob)
    {
        var status = (JsonObject)Status.DeepClone();
        if (status["active"] is not JsonArray active) status["active"] = active = [];
        active.Add(CronJobDecision.Reference(createdJob));
        return status;
    }
}
