using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store.Reading;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Namespaces;

/// <summary>
/// A namespace. Deleting it marks it Terminating; its loop then deletes every object in it, pass after
/// pass, and removes the namespace once nothing is left (the <c>kubernetes</c> finalizer released).
/// </summary>
public sealed class NamespaceGrain(ObjectServices services, ILogger<NamespaceGrain> logger)
    : ApiObjectGrain(services, logger), INamespaceGrain
{
    /// <summary>The namespaces every cluster has.</summary>
    public static IReadOnlyList<string> SystemNamespaces { get; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private const string KubernetesFinalizer = "kubernetes";
    private const string NameLabel = "kubernetes.io/metadata.name";
    private static readonly string[] Undeletable = ["default", "kube-system", "kube-public"];
    private static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(1);

    protected override void PrepareForCreate(JsonObject obj)
    {
        obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray(KubernetesFinalizer) };
        obj["status"] = new JsonObject { ["phase"] = "Active" };
    }

    protected override void ApplyDefaults(JsonObject obj)
    {
        // Kubernetes keeps this label equal to the name so that selectors can pick namespaces by name.
        var meta = obj.Metadata();
        if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = [];
        labels[NameLabel] = Key.Name;
    }

    protected override ValueTask<DeletionPlan> PlanDeletionAsync(JsonObject current, DeleteCommand command)
    {
        if (Undeletable.Contains(Key.Name))
        {
            throw ApiException.Forbidden(ResourceName, Key.Name, "this namespace may not be deleted");
        }
        return ValueTask.FromResult(DeletionPlan.Graceful(TimeSpan.Zero));
    }

    protected override void MarkForDeletion(JsonObject obj)
    {
        if (obj["status"] is not JsonObject status) obj["status"] = status = [];
        status["phase"] = "Terminating";
    }

    protected override bool ReadyToRemove(JsonObject obj) =>
        obj.Finalizers().Count == 0 && SpecFinalizers(obj).Count == 0;

    protected override async Task OnLoadedAsync()
    {
        if (Current?.DeletionTimestamp() is not null) ScheduleReconcile(TimeSpan.Zero);
        await Task.CompletedTask;
    }

    protected override async Task OnCommittedAsync(JsonObject? previous, JsonObject? current, CommittedObject committed)
    {
        if (current?.DeletionTimestamp() is not null && previous?.DeletionTimestamp() is null)
        {
            Services.Namespaces.Forget(Key.Name);
            await KeepResyncingAsync(true);
            ScheduleReconcile(TimeSpan.Zero);
        }
        else if (current is null && previous is not null)
        {
            await KeepResyncingAsync(false);
        }
    }

    protected override async Task<TimeSpan?> ReconcileAsync()
    {
        if (Current is not { } ns || ns.DeletionTimestamp() is null) return null;

        var remaining = 0;
        foreach (var type in ResourceRegistry.AllTypes.Where(t => t.Namespaced))
        {
            var listed = await Services.Reader.ListAsync(ListQuery.All(type.StorageKey, Key.Name));
            foreach (var item in listed.Items)
            {
                remaining++;
                await DeleteContentAsync(item.Key);
            }
        }
        if (remaining > 0) return PassInterval;

        var released = ns.Clone();
        released["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
        await CommitChangeAsync(ns, released);
        return null;
    }

    private async Task DeleteContentAsync(ObjectKey key)
    {
        try
        {
            await ObjectGrains.Get(GrainFactory, key).Delete(new DeleteCommand("Background"));
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
            // Already gone: counted this pass, absent next pass.
        }
    }

    private static IReadOnlyList<string> SpecFinalizers(JsonObject obj) =>
        obj.Spec()?["finalizers"] is JsonArray list ? list.Select(n => n?.GetValue<string>()).OfType<string>().ToList() : [];
}
