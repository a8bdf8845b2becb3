using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>How an owner named in an ownerReference stands, for the garbage collector.</summary>
public enum OwnerPresence
{
    Live,
    Absent,
    /// <summary>Being deleted in the foreground: waiting for its dependents.</summary>
    DeletingForeground,
}

/// <summary>An object that names owners in <c>metadata.ownerReferences</c>.</summary>
public sealed record DependentView(string ApiVersion, string Kind, string Namespace, string Name, string Uid, IReadOnlyList<OwnerRef> Owners, bool Deleting, bool HasDependents)
{
    public static DependentView From(JsonObject obj, bool hasDependents = false) => new(
        obj.GetString("apiVersion") ?? "", obj.GetString("kind") ?? "", obj.Namespace() ?? "", obj.Name() ?? "", obj.Uid() ?? "",
        obj.Metadata().Objects("ownerReferences").Select(OwnerRef.From).ToList(), obj.DeletionTimestamp() is not null, hasDependents);
}

/// <param name="Owner">The owner object, or null once it is gone from the store.</param>
/// <param name="OwnerUid">The owner's uid (dependents reference it by uid).</param>
/// <param name="Dependents">The objects whose ownerReferences include <paramref name="OwnerUid"/>.</param>
/// <param name="OtherOwners">How the dependents' other owners stand; an owner not listed counts as live.</param>
public sealed record DependentsInput(JsonObject? Owner, string OwnerUid, IReadOnlyList<DependentView> Dependents, IReadOnlyDictionary<string, OwnerPresence>? OtherOwners = null);

public sealed record DependentDeletion(DependentView Dependent, string PropagationPolicy);

public sealed record OwnerReferenceRemoval(DependentView Dependent, IReadOnlyList<string> OwnerUids);

/// <param name="RemoveOwnerFinalizer">The owner's finalizer (<c>orphan</c> or <c>foregroundDeletion</c>) to remove once the other actions succeed.</param>
public sealed record DependentsPlan(IReadOnlyList<DependentDeletion> Delete, IReadOnlyList<OwnerReferenceRemoval> RemoveOwnerReferences, string? RemoveOwnerFinalizer, string Why);

/// <summary>
/// The garbage collector's decision about one owner's dependents, for the three propagation policies:
/// Background (the owner goes at once; dependents left with no live owner are deleted after it is gone),
/// Foreground (the owner waits, with the <c>foregroundDeletion</c> finalizer, until no dependent with
/// <c>blockOwnerDeletion</c> is left) and Orphan (the <c>orphan</c> finalizer: dependents lose their
/// reference to the owner, then the finalizer goes).
/// </summary>
public static class DependentsDecision
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    public static DependentsPlan Compute(DependentsInput input)
    {
        var owner = input.Owner;
        var dependents = input.Dependents.Where(d => d.Owners.Any(o => o.Uid == input.OwnerUid)).ToList();
        if (owner is not null && owner.DeletionTimestamp() is null) return new DependentsPlan([], [], null, "owner is live");

        var finalizers = owner?.Finalizers() ?? [];
        if (owner is not null && finalizers.Contains(OrphanFinalizer))
        {
            var removals = dependents.Select(d => new OwnerReferenceRemoval(d, [input.OwnerUid])).ToList();
            return new DependentsPlan([], removals, OrphanFinalizer, $"orphaning {removals.Count} dependent(s)");
        }

        var presence = (string uid) => uid == input.OwnerUid
            ? owner is null ? OwnerPresence.Absent : finalizers.Contains(ForegroundFinalizer) ? OwnerPresence.DeletingForeground : OwnerPresence.Live
            : input.OtherOwners?.GetValueOrDefault(uid, OwnerPresence.Live) ?? OwnerPresence.Live;

        if (owner is not null && !finalizers.Contains(ForegroundFinalizer))
        {
            return new DependentsPlan([], [], null, "owner is being deleted in the background: dependents go once it is gone");
        }

        var delete = new List<DependentDeletion>();
        var unlink = new List<OwnerReferenceRemoval>();
        foreach (var dependent in dependents.Where(d => !d.Deleting))
        {
            var states = dependent.Owners.Select(o => (o.Uid, State: presence(o.Uid))).ToList();
            var goneOrWaiting = states.Where(s => s.State != OwnerPresence.Live).Select(s => s.Uid).ToList();
            if (states.Any(s => s.State == OwnerPresence.Live))
            {
                if (goneOrWaiting.Count > 0) unlink.Add(new OwnerReferenceRemoval(dependent, goneOrWaiting));
                continue;
            }
            var waiting = states.Any(s => s.State == OwnerPresence.DeletingForeground);
            delete.Add(new DependentDeletion(dependent, waiting && dependent.HasDependents ? "Foreground" : "Background"));
        }

        if (owner is null) return new DependentsPlan(delete, unlink, null, $"owner gone: deleting {delete.Count}, unlinking {unlink.Count}");
        var unlinked = unlink.Select(u => u.Dependent.Uid).ToHashSet(StringComparer.Ordinal);
        var blocking = dependents.Count(d => !unlinked.Contains(d.Uid) && d.Owners.Any(o => o.Uid == input.OwnerUid && o.BlockOwnerDeletion));
        return new DependentsPlan(delete, unlink, blocking == 0 ? ForegroundFinalizer : null,
            blocking == 0 ? "no blocking dependents left: owner may go" : $"foreground: waiting for {blocking} blocking dependent(s)");
    }
}
