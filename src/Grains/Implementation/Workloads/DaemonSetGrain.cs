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
/// A DaemonSet: one pod on every node its template can run on (cordoned nodes included), created
/// already bound to its node. Nodes that join, leave or change labels poke every DaemonSet.
/// </summary>
public sealed class DaemonSetGrain(
    ObjectServices services, [PersistentState("controller")] IPersistentState<ControllerState> state, ILogger<DaemonSetGrain> logger)
    : ControllerGrain(services, state, logger), IDaemonSetGrain
{
    private bool _resentPending;

    protected override string ControllerComponent => "daemonset-controller";

    protected override IReadOnlyList<ResourceType> DependentTypes { get; } = [ResourceRegistry.Pods];

    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = WorkloadRules.EnsureObject(obj, "spec");
        WorkloadRules.SetIfMissing(spec, "revisionHistoryLimit", 10);
        var strategy = WorkloadRules.EnsureObject(spec, "updateStrategy");
        WorkloadRules.SetIfMissing(strategy, "type", "RollingUpdate");
        if (strategy.Str("type") == "RollingUpdate")
        {
            var rolling = WorkloadRules.EnsureObject(strategy, "rollingUpdate");
            WorkloadRules.SetIfMissing(rolling, "maxUnavailable", 1);
            WorkloadRules.SetIfMissing(rolling, "maxSurge", 0);
        }
        WorkloadRules.DefaultTemplate(obj, "spec", "template");
    }

    protected override IEnumerable<StatusCause> Validate(JsonObject obj, JsonObject? old) =>
        WorkloadRules.ValidateSelector(obj, old).Concat(WorkloadRules.ValidateTemplate(obj, "spec.template", "spec", "template"));

    protected override async Task<TimeSpan?> ReconcileControllerAsync(JsonObject controller)
    {
        var selector = Api.Selectors.LabelSelector.FromObject(controller.Spec()?["selector"]);
        var nodes = (await Services.Reader.ListAsync(ListQuery.All(ResourceRegistry.Nodes.StorageKey))).Items
            .Select(n => JsonNode.Parse(n.Json)!.AsObject()).ToList();
        var podObjects = await ChildObjects.ListAsync(Services.Reader, ResourceRegistry.Pods, Key.Namespace, selector, controller.Uid());
        var views = podObjects.Select(PodView.From).ToList();
        var byName = podObjects.ToDictionary(p => p.Name()!, StringComparer.Ordinal);
        var expectations = LoadExpectations().Observe(views);
        var plan = DaemonSetDecision.Compute(new DaemonSetInput(controller, nodes, views, expectations, Now));

        foreach (var pod in plan.ToAdopt) await AdoptAsync(ResourceRegistry.Pods, byName[pod.Name]);
        foreach (var pod in plan.ToRelease) await ReleaseAsync(ResourceRegistry.Pods, byName[pod.Name]);
        var next = plan.Expectations;
        if (plan.ToDelete.Count > 0)
        {
            await SaveExpectationsAsync(next, State.LastError);
            foreach (var pod in plan.ToDelete) await DeleteChildAsync(ResourceRegistry.Pods, pod.Name, pod.Uid);
        }
        string? error = null;
        if (!_resentPending || plan.PodsToCreate.Count > 0)
        {
            _resentPending = true;
            (next, error) = await CreateNodePodsAsync(plan.PodsToCreate, next);
        }
        foreach (var controllerEvent in plan.Events) Record(controllerEvent);
        await SaveExpectationsAsync(next, error);
        if (plan.StatusChanged) await WriteStatusAsync(plan.Status);
        return Until(plan.NextWake, Now);
    }

    /// <summary>
    /// Each pod is named for its node and template generation, so a pass repeated after a failover finds
    /// AlreadyExists instead of creating a twin, while a rolling update still gets a new name.
    /// </summary>
    private async Task<(Expectations, string?)> CreateNodePodsAsync(IReadOnlyList<JsonObject> pods, Expectations expectations)
    {
        var named = pods.Select(p =>
        {
            var pod = p.Clone();
            var node = pod.Spec().Str("nodeName") ?? "";
            var generation = pod.Metadata().Str("labels", DaemonSetDecision.TemplateGenerationLabel) ?? "";
            pod.Metadata()["name"] = $"{Key.Name}-{ShortHash(node + "/" + generation)}";
            pod.Metadata().Remove("generateName");
            return pod;
        }).ToList();
        expectations = named.Aggregate(expectations, (e, p) => e.Created($"{Key.Namespace}/{p.Name()}"));
        await SaveExpectationsAsync(expectations, State.LastError);
        string? error = null;
        foreach (var pod in named)
        {
            try
            {
                await CreateChildAsync(ResourceRegistry.Pods, pod);
                Record(PodEvents.SuccessfulCreate(pod.Name()!));
            }
            catch (ApiException ex) when (ex.Reason == "AlreadyExists")
            {
            }
            catch (ApiException ex)
            {
                error = ex.Message;
                Record(PodEvents.FailedCreate(ex.Message));
                expectations = expectations with { Creates = expectations.Creates.Remove($"{Key.Namespace}/{pod.Name()}") };
            }
        }
        return (expectations, error);
    }

    private static string ShortHash(string node)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(node));
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(hash.Take(5).Select(b => alphabet[b % alphabet.Length]).ToArray());
    }
}
