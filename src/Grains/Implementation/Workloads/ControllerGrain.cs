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
/// What every workload controller grain shares: a level-based loop woken by changes of its own object and
/// of its children (pods poke their controller), a periodic resync kept alive across silo loss by a
/// reminder, expectations kept in grain storage, helpers to create, delete, adopt and release children,
/// and the garbage collection of its dependents when it is deleted with the Orphan or Foreground policy.
/// </summary>
public abstract partial class ControllerGrain(ObjectServices services, IPersistentState<ControllerState> state, ILogger logger)
    : ApiObjectGrain(services, logger)
{
    /// <summary>How often a controller looks again even when nothing told it to.</summary>
    protected static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(30);

    protected ControllerState State => state.State;

    protected override async Task OnLoadedAsync()
    {
        if (Current is null) return;
        if (State.Uid != Current.Uid())
        {
            state.State = new ControllerState { Uid = Current.Uid() };
        }
        await KeepResyncingAsync(true);
        ScheduleReconcile(TimeSpan.Zero);
    }

    protected override async Task OnCommittedAsync(JsonObject? previous, JsonObject? current, CommittedObject committed)
    {
        if (current is null)
        {
            await KeepResyncingAsync(false);
            await state.ClearStateAsync();
            await DeleteDependentsOfRemovedOwnerAsync(previous?.Uid());
            await PokeOwnerAsync(previous);
            return;
        }
        if (previous is null)
        {
            state.State = new ControllerState { Uid = current.Uid() };
            await KeepResyncingAsync(true);
        }
        // Our own status writes change nothing we decide on: do not wake ourselves for them.
        if (previous is null || !SameButStatus(previous, current)) ScheduleReconcile(TimeSpan.Zero);
        if (previous is null || !JsonNode.DeepEquals(previous["status"], current["status"])) await PokeOwnerAsync(current);
    }

    protected sealed override async Task<TimeSpan?> ReconcileAsync()
    {
        if (Current is not { } obj) return null;
        if (obj.DeletionTimestamp() is not null && await CollectDependentsAsync(obj)) return TimeSpan.FromSeconds(1);
        var next = await ReconcileControllerAsync(obj);
        return next is { } wake && wake < ResyncInterval ? wake : ResyncInterval;
    }

    /// <summary>One pass of the kind's controller; returns when it wants to run again (at most the resync interval).</summary>
    protected abstract Task<TimeSpan?> ReconcileControllerAsync(JsonObject controller);

    // ---- Expectations ------------------------------------------------------------------------

    protected Expectations LoadExpectations() => State.ToExpectations();

    /// <summary>Persists expectations before acting on them, so that a successor activation knows what is in flight.</summary>
    protected async Task SaveExpectationsAsync(Expectations expectations, string? lastError)
    {
        if (State.Matches(expectations) && State.LastError == lastError) return;
        State.Set(expectations);
        State.LastError = lastError;
        await state.WriteStateAsync();
    }

    // ---- Scale -------------------------------------------------------------------------------

    /// <summary>The spec field the <c>scale</c> subresource sets (<c>replicas</c>; <c>parallelism</c> for jobs), or null.</summary>
    protected virtual string? ScaleField => null;

    public override async Task<ObjectResponse> Scale(ScaleCommand command)
    {
        if (ScaleField is not { } field) return await base.Scale(command);
        var current = await RequireCurrentAsync();
        if (command.PreconditionResourceVersion is { Length: > 0 } rv && rv != current.ResourceVersion())
        {
            throw ApiException.StaleObject(ResourceName, Key.Name);
        }
        var scaled = current.Clone();
        if (scaled["spec"] is not JsonObject spec) scaled["spec"] = spec = [];
        spec[field] = command.Replicas;
        return await UpdateSpecAsync(current, scaled, command.DryRun);
    }

    // ---- Children ----------------------------------------------------------------------------

    protected async Task<ObjectResponse> CreateChildAsync(ResourceType type, JsonObject child)
    {
        var name = child.Name() ?? throw new InvalidOperationException("children are created with explicit names");
        return await ObjectGrains.Get(GrainFactory, type, Key.Namespace, name).Create(new CreateCommand(child.ToJsonString()));
    }

    /// <summary>
    /// Creates pods from a template in slow-start batches (1, 2, 4, ...), stopping at the first failure as
    /// Kubernetes does. Names are chosen here and saved with the expectations before any create is sent,
    /// so a successor activation re-sends the same creates rather than new ones.
    /// </summary>
    /// <returns>The expectations left (failed and skipped creates removed) and the first error, if any.</returns>
    protected async Task<(Expectations Expectations, string? Error)> CreatePodsAsync(JsonObject template, IReadOnlyList<int> batches, Expectations expectations)
    {
        var prefix = template.Metadata().Str("generateName") ?? $"{Key.Name}-";
        var names = new List<string>();
        foreach (var _ in Enumerable.Range(0, batches.Sum()))
        {
            names.Add(Api.Validation.GeneratedNames.Generate(prefix));
            expectations = expectations.Created($"{Key.Namespace}/{names[^1]}");
        }
        await SaveExpectationsAsync(expectations, State.LastError);

        var next = 0;
        string? error = null;
        var unsent = new List<string>();
        foreach (var batch in batches)
        {
            var slice = names.Skip(next).Take(batch).ToList();
            next += batch;
            if (error is not null)
            {
                unsent.AddRange(slice);
                continue;
            }
            var results = await Task.WhenAll(slice.Select(name => CreatePodAsync(template, name)));
            unsent.AddRange(slice.Where((_, i) => results[i] is not null));
            error = results.FirstOrDefault(r => r is not null);
        }
        // Creates that failed or never ran will not be observed: stop waiting for them.
        foreach (var name in unsent)
        {
            expectations = expectations with { Creates = expectations.Creates.Remove($"{Key.Namespace}/{name}") };
        }
        return (expectations, error);
    }

    /// <summary>Re-sends creates a previous activation had planned but that never showed up (AlreadyExists is fine).</summary>
    protected async Task ResendPendingCreatesAsync(JsonObject template, Expectations expectations)
    {
        foreach (var key in expectations.Creates)
        {
            await CreatePodAsync(template, key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        }
    }

    private async Task<string?> CreatePodAsync(JsonObject template, string name)
    {
        var pod = template.Clone();
        pod.Metadata().Remove("generateName");
        pod.Metadata()["name"] = name;
        try
        {
            await CreateChildAsync(ResourceRegistry.Pods, pod);
            Record(PodEvents.SuccessfulCreate(name));
            return null;
        }
        catch (ApiException ex) when (ex.Reason == "AlreadyExists")
        {
            return null;
        }
        catch (ApiException ex)
        {
            Record(PodEvents.FailedCreate(ex.Message));
            return ex.Message;
        }
    }

    /// <summary>Deletes a child if it is still the one we saw (uid precondition); a missing child counts as deleted.</summary>
    protected async Task DeleteChildAsync(ResourceType type, string name, string uid, string propagation = "Background")
    {
        try
        {
            await ObjectGrains.Get(GrainFactory, type, Key.Namespace, name).Delete(new DeleteCommand(propagation, PreconditionUid: uid));
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
        }
    }

    /// <summary>Makes this object the controller of an orphan child (only if it did not change meanwhile).</summary>
    protected Task AdoptAsync(ResourceType type, JsonObject child) =>
        PatchOwnerReferencesAsync(type, child, ChildObjects.WithControllerRef(child, Current!));

    /// <summary>Drops this object's reference from a child that no longer matches its selector.</summary>
    protected Task ReleaseAsync(ResourceType type, JsonObject child) =>
        PatchOwnerReferencesAsync(type, child, ChildObjects.WithoutRef(child, Current!.Uid()!));

    private async Task PatchOwnerReferencesAsync(ResourceType type, JsonObject child, JsonArray? references)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["ownerReferences"] = references, ["resourceVersion"] = child.ResourceVersion() },
        };
        try
        {
            await ObjectGrains.Get(GrainFactory, type, Key.Namespace, child.Name()!).Patch(new PatchCommand(PatchType.Merge, patch.ToJsonString()));
        }
        catch (ApiException ex) when (ex.Code is 404 or 409)
        {
            // It changed or went: the next pass sees the new state.
        }
    }

    /// <summary>Replaces this object's status (a no-op when unchanged).</summary>
    protected async Task WriteStatusAsync(JsonObject status)
    {
        var current = Current!;
        var updated = current.Clone();
        updated["status"] = status.DeepClone();
        await CommitChangeAsync(current, updated);
    }

    protected void Record(ControllerEvent controllerEvent) =>
        Services.Events.Record(Current!, controllerEvent.Type, controllerEvent.Reason, controllerEvent.Message, ControllerComponent);

    /// <summary>The component events are reported from (<c>replicaset-controller</c>, ...).</summary>
    protected abstract string ControllerComponent { get; }

    protected static TimeSpan? Until(DateTimeOffset? wake, DateTimeOffset now) =>
        wake is { } at ? at > now ? at - now : TimeSpan.Zero : null;

    // ---- Garbage collection -----------------------------------------------------------------

    /// <summary>
    /// Deleting with the Orphan or Foreground policy left a finalizer on this object: release or delete the
    /// dependents first, then drop the finalizer, which lets the object go.
    /// </summary>
    /// <returns>True while the deletion is still in progress (the controller's own pass is skipped).</returns>
    private async Task<bool> CollectDependentsAsync(JsonObject owner)
    {
        var finalizers = owner.Finalizers();
        if (!finalizers.Contains(DependentsDecision.OrphanFinalizer) && !finalizers.Contains(DependentsDecision.ForegroundFinalizer)) return false;
        var dependents = await ListDependentsAsync(owner.Uid());
        var plan = DependentsDecision.Compute(new DependentsInput(owner, owner.Uid()!, dependents.Select(d => DependentView.From(d.Object)).ToList()));
        foreach (var terminating in dependents.Where(d => d.Object.DeletionTimestamp() is not null))
        {
            await ReleaseDependentOfDeletedOwnerAsync(terminating.Type, terminating.Object);
        }
        foreach (var removal in plan.RemoveOwnerReferences)
        {
            var child = dependents.First(d => d.Object.Uid() == removal.Dependent.Uid);
            var kept = child.Object.Metadata().Objects("ownerReferences")
                .Where(r => !removal.OwnerUids.Contains(r.Str("uid") ?? "")).Select(r => (JsonNode?)r.DeepClone()).ToArray();
            var references = kept.Length == 0 ? null : new JsonArray(kept);
            await PatchOwnerReferencesAsync(child.Type, child.Object, references);
        }
        foreach (var deletion in plan.Delete)
        {
            var child = dependents.First(d => d.Object.Uid() == deletion.Dependent.Uid);
            await DeleteChildAsync(child.Type, child.Object.Name()!, child.Object.Uid()!, deletion.PropagationPolicy);
        }
        if (plan.RemoveOwnerFinalizer is { } finalizer)
        {
            var released = owner.Clone();
            released.Metadata()["finalizers"] = new JsonArray(owner.Finalizers().Where(f => f != finalizer).Select(f => (JsonNode?)f).ToArray());
            await CommitChangeAsync(owner, released);
            return Current is not null;
        }
        return true;
    }

    /// <summary>Background propagation: the owner is gone, so its dependents go too.</summary>
    private async Task DeleteDependentsOfRemovedOwnerAsync(string? ownerUid)
    {
        foreach (var dependent in await ListDependentsAsync(ownerUid))
        {
            if (dependent.Object.DeletionTimestamp() is null)
            {
                await DeleteChildAsync(dependent.Type, dependent.Object.Name()!, dependent.Object.Uid()!);
            }
            await ReleaseDependentOfDeletedOwnerAsync(dependent.Type, dependent.Object);
        }
    }

    /// <summary>
    /// Called for each dependent of this controller once the controller is being deleted (Foreground) or gone
    /// (Background): a kind whose children carry its own finalizer removes it here.
    /// </summary>
    protected virtual Task ReleaseDependentOfDeletedOwnerAsync(ResourceType type, JsonObject dependent) => Task.CompletedTask;

    private async Task<IReadOnlyList<(ResourceType Type, JsonObject Object)>> ListDependentsAsync(string? ownerUid)
    {
        if (!Guid.TryParse(ownerUid, out var uid)) return [];
        var found = new List<(ResourceType, JsonObject)>();
        foreach (var type in DependentTypes)
        {
            var listed = await Services.Reader.ListAsync(new ListQuery(type.StorageKey, Key.Namespace, [], [], ControllerUid: uid));
            found.AddRange(listed.Items.Select(i => (type, JsonNode.Parse(i.Json)!.AsObject())));
        }
        return found;
    }

    /// <summary>The kinds this controller creates.</summary>
    protected abstract IReadOnlyList<ResourceType> DependentTypes { get; }

    /// <summary>A controller owned by another (a Deployment's ReplicaSet, a CronJob's Job) tells its owner it changed.</summary>
    private Task PokeOwnerAsync(JsonObject? obj) => ControllerNotice.PokeControllerAsync(GrainFactory, obj);

    private static bool SameButStatus(JsonObject a, JsonObject b)
    {
        var left = a.Clone();
        var right = b.Clone();
        foreach (var side in new[] { left, right })
        {
            side.Remove("status");
            side.Metadata().Remove("resourceVersion");
        }
        return JsonNode.DeepEquals(left, right);
    }
}
