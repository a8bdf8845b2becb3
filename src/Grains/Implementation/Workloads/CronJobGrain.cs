using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store.Reading;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>
/// A CronJob: creates a Job at each scheduled time (named for that time, so a repeated pass after a
/// failover finds it instead of creating a second), honouring the concurrency policy, the starting
/// deadline and the history limits. Its timer wakes it for the next time; its reminder brings it back
/// on another silo if this one dies, and at most one missed run is caught up.
/// </summary>
public sealed class CronJobGrain(
    ObjectServices services, [PersistentState("controller")] IPersistentState<ControllerState> state, ILogger<CronJobGrain> logger)
    : ControllerGrain(services, state, logger), ICronJobGrain
{
    private static readonly string[] Policies = ["Allow", "Forbid", "Replace"];

    protected override string ControllerComponent => "cronjob-controller";

    protected override IReadOnlyList<ResourceType> DependentTypes { get; } = [ResourceRegistry.Jobs];

    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = WorkloadRules.EnsureObject(obj, "spec");
        WorkloadRules.SetIfMissing(spec, "concurrencyPolicy", "Allow");
        WorkloadRules.SetIfMissing(spec, "suspend", false);
        WorkloadRules.SetIfMissing(spec, "successfulJobsHistoryLimit", 3);
        WorkloadRules.SetIfMissing(spec, "failedJobsHistoryLimit", 1);
        WorkloadRules.DefaultTemplate(obj, "spec", "jobTemplate", "spec", "template");
    }

    protected override IEnumerable<StatusCause> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj.Spec();
        var schedule = spec.Str("schedule");
        if (string.IsNullOrWhiteSpace(schedule))
        {
            yield return new StatusCause("FieldValueRequired", "Required value", "spec.schedule");
        }
        else if (!CronSchedule.TryZone(spec.Str("timeZone"), out var zone, out var zoneError))
        {
            yield return new StatusCause("FieldValueInvalid", $"Invalid value: \"{spec.Str("timeZone")}\": {zoneError}", "spec.timeZone");
        }
        else if (CronSchedule.TryParse(schedule, zone!, out var error) is null)
        {
            yield return new StatusCause("FieldValueInvalid", $"Invalid value: \"{schedule}\": {error}", "spec.schedule");
        }
        if (spec.Str("concurrencyPolicy") is { } policy && !Policies.Contains(policy))
        {
            yield return new StatusCause("FieldValueNotSupported",
                $"Unsupported value: \"{policy}\": supported values: \"Allow\", \"Forbid\", \"Replace\"", "spec.concurrencyPolicy");
        }
        foreach (var cause in WorkloadRules.ValidateTemplate(obj, "spec.jobTemplate.spec.template", "spec", "jobTemplate", "spec", "template"))
        {
            yield return cause;
        }
    }

    protected override async Task<TimeSpan?> ReconcileControllerAsync(JsonObject controller)
    {
        var jobs = (await Services.Reader.ListAsync(new ListQuery(ResourceRegistry.Jobs.StorageKey, Key.Namespace, [], [],
                ControllerUid: Guid.Parse(controller.Uid()!)))).Items
            .Select(j => JsonNode.Parse(j.Json)!.AsObject()).ToList();
        var plan = CronJobDecision.Compute(new CronJobInput(controller, jobs, Now));

        foreach (var name in plan.JobsToDelete)
        {
            var job = jobs.FirstOrDefault(j => j.Name() == name);
            if (job is not null) await DeleteChildAsync(ResourceRegistry.Jobs, name, job.Uid()!);
        }
        var status = plan.Status;
        var statusChanged = plan.StatusChanged;
        if (plan.JobToCreate is { } planned)
        {
            var created = await CreateOrFindJobAsync(planned);
            if (created is not null)
            {
                status = plan.StatusWith(created);
                statusChanged = true;
            }
        }
        foreach (var controllerEvent in plan.Events) Record(controllerEvent);
        if (statusChanged) await WriteStatusAsync(status);
        return Until(plan.NextWake, Now);
    }

    /// <summary>The Job for a scheduled time, created now or found from an earlier pass whose answer was lost.</summary>
    private async Task<JsonObject?> CreateOrFindJobAsync(JsonObject job)
    {
        try
        {
            var response = await CreateChildAsync(ResourceRegistry.Jobs, job);
            return JsonNode.Parse(response.Json)!.AsObject();
        }
        catch (ApiException ex) when (ex.Reason == "AlreadyExists")
        {
            var existing = await Services.Reader.GetAsync(new ObjectKey(ResourceRegistry.Jobs.StorageKey, Key.Namespace, job.Name()!));
            return existing is null ? null : JsonNode.Parse(existing.Json)!.AsObject();
        }
        catch (ApiException ex)
        {
            Record(ControllerEvent.Warning("FailedCreate", $"Error creating job: {ex.Message}"));
            return null;
        }
    }
}
