using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.Grains.Objects;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>
/// A Job: runs pods until <c>completions</c> succeed, at most <c>parallelism</c> at once, failing after
/// <c>backoffLimit</c> failures or <c>activeDeadlineSeconds</c>. Finished pods stay for <c>kubectl logs</c>;
/// each carries a tracking finalizer until the Job has counted it, so no result is lost to a failover.
/// </summary>
public sealed class JobGrain(
    ObjectServices services, [PersistentState("controller")] IPersistentState<ControllerState> state, ILogger<JobGrain> logger)
    : ControllerGrain(services, state, logger), IJobGrain
{
    private static readonly string[] RestartPolicies = ["OnFailure", "Never"];
    private bool _resentPending;

    protected override string ControllerComponent => "job-controller";

    /// <summary>kubectl 1.32's <c>scale job</c> sends a scale subresource; it sets parallelism.</summary>
    protected override string? ScaleField => "parallelism";

    protected override IReadOnlyList<ResourceType> DependentTypes { get; } = [ResourceRegistry.Pods];

    /// <summary>Kubernetes generates the selector from the Job's uid, which exists only now.</summary>
    protected override void PrepareForCreate(JsonObject obj)
    {
        var spec = WorkloadRules.EnsureObject(obj, "spec");
        if (spec.Flag("manualSelector") == true) return;
        var uid = obj.Uid()!;
        var name = obj.Name()!;
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
        var template = WorkloadRules.EnsureObject(spec, "template");
        var labels = WorkloadRules.EnsureObject(WorkloadRules.EnsureObject(template, "metadata"), "labels");
        labels["batch.kubernetes.io/controller-uid"] = uid;
        labels["batch.kubernetes.io/job-name"] = name;
        labels["controller-uid"] = uid;
        labels["job-name"] = name;
    }

    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = WorkloadRules.EnsureObject(obj, "spec");
        if (spec["completions"] is null && spec["parallelism"] is null) spec["completions"] = 1;
        WorkloadRules.SetIfMissing(spec, "parallelism", 1);
        WorkloadRules.SetIfMissing(spec, "backoffLimit", 6);
        WorkloadRules.SetIfMissing(spec, "completionMode", "NonIndexed");
        WorkloadRules.SetIfMissing(spec, "suspend", false);
        WorkloadRules.SetIfMissing(spec, "podReplacementPolicy", "TerminatingOrFailed");
        WorkloadRules.DefaultTemplate(obj, "spec", "template");
    }

    protected override IEnumerable<StatusCause> Validate(JsonObject obj, JsonObject? old)
    {
        foreach (var cause in WorkloadRules.ValidateTemplate(obj, "spec.template", "spec", "template")) yield return cause;
        foreach (var field in new[] { "parallelism", "completions", "backoffLimit", "activeDeadlineSeconds" })
        {
            foreach (var cause in WorkloadRules.NonNegative(obj, field)) yield return cause;
        }
        var restart = obj.Spec().Str("template", "spec", "restartPolicy");
        if (restart is null || !RestartPolicies.Contains(restart))
        {
            yield return new StatusCause("FieldValueNotSupported",
                $"Unsupported value: \"{restart ?? "Always"}\": supported values: \"OnFailure\", \"Never\"", "spec.template.spec.restartPolicy");
        }
    }

    protected override async Task<TimeSpan?> ReconcileControllerAsync(JsonObject controller)
    {
        var selector = Api.Selectors.LabelSelector.FromObject(controller.Spec()?["selector"]);
        var podObjects = await ChildObjects.ListAsync(Services.Reader, ResourceRegistry.Pods, Key.Namespace, selector, controller.Uid());
        var views = podObjects.Select(PodView.From).ToList();
        var byName = podObjects.ToDictionary(p => p.Name()!, StringComparer.Ordinal);
        var expectations = LoadExpectations().Observe(views);
        var plan = JobDecision.Compute(new JobInput(controller, views, expectations, Now));

        if (!_resentPending)
        {
            _resentPending = true;
            await ResendPendingCreatesAsync(plan.PodTemplate, expectations.Expire(Now));
        }
        foreach (var pod in plan.ToAdopt) await AdoptAsync(ResourceRegistry.Pods, byName[pod.Name]);
        foreach (var pod in plan.ToRelease) await ReleaseAsync(ResourceRegistry.Pods, byName[pod.Name]);
        var next = plan.Expectations;
        if (plan.ToDelete.Count > 0)
        {
            await SaveExpectationsAsync(next, State.LastError);
            foreach (var pod in plan.ToDelete) await DeleteChildAsync(ResourceRegistry.Pods, pod.Name, pod.Uid);
        }
        string? error = null;
        if (plan.CreateCount > 0) (next, error) = await CreatePodsAsync(plan.PodTemplate, plan.CreateBatches, next);
        foreach (var controllerEvent in plan.Events) Record(controllerEvent);
        await SaveExpectationsAsync(next, error);
        // The status lists finished pods as uncounted first; only then may their finalizers go.
        if (plan.StatusChanged) await WriteStatusAsync(plan.Status);
        foreach (var pod in plan.RemoveFinalizer) await RemoveTrackingFinalizerAsync(byName[pod.Name]);

        if (plan.DeleteAt is { } deleteAt && deleteAt <= Now)
        {
            await Delete(new DeleteCommand("Foreground"));
            return null;
        }
        return plan.RemoveFinalizer.Count > 0 ? TimeSpan.FromMilliseconds(100) : Until(plan.NextWake, Now);
    }

    private Task RemoveTrackingFinalizerAsync(JsonObject pod) => JobTrackingFinalizer.ReleaseAsync(GrainFactory, pod);

    /// <summary>A deleted Job will never count its pods: let them go.</summary>
    protected override Task ReleaseDependentOfDeletedOwnerAsync(ResourceType type, JsonObject dependent) =>
        JobTrackingFinalizer.ReleaseAsync(GrainFactory, dependent);
}
