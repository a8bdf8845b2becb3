using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Store;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Grains.Namespaces;

/// <summary>
/// Refuses new objects in namespaces that do not exist or are terminating (Kubernetes' NamespaceLifecycle
/// admission). It reads the store, not the namespace grain, so that creating many pods in one namespace
/// does not funnel through one grain; an active namespace is remembered briefly. An object that slips in
/// while its namespace starts terminating is still removed: the namespace's loop deletes until empty.
/// </summary>
public sealed class NamespaceGate(ObjectReader reader, TimeProvider time)
{
    private static readonly TimeSpan RememberActive = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _activeUntil = new();

    public async Task EnsureAcceptsNewObjectsAsync(string ns)
    {
        var now = time.GetUtcNow();
        if (_activeUntil.TryGetValue(ns, out var until) && until > now) return;

        StoredObjectPhase phase;
        try
        {
            phase = await ReadPhaseAsync(ns);
        }
        catch (StoreUnavailableException ex)
        {
            throw ApiException.Unavailable(ex.Message);
        }
        switch (phase)
        {
            case StoredObjectPhase.Missing:
                throw ApiException.NotFound("namespaces", ns);
            case StoredObjectPhase.Terminating:
                _activeUntil.TryRemove(ns, out _);
                throw ApiException.Forbidden("namespaces", ns,
                    $"unable to create new content in namespace {ns} because it is being terminated");
            default:
                _activeUntil[ns] = now + RememberActive;
                return;
        }
    }

    /// <summary>Forgets what it remembered, when the namespace starts terminating in this silo.</summary>
    public void Forget(string ns) => _activeUntil.TryRemove(ns, out _);

    private async Task<StoredObjectPhase> ReadPhaseAsync(string ns)
    {
        var stored = await reader.GetAsync(new ObjectKey(ResourceRegistry.Namespaces.StorageKey, "", ns));
        if (stored is null) return StoredObjectPhase.Missing;
        var obj = JsonNode.Parse(stored.Json)!.AsObject();
        return obj.DeletionTimestamp() is not null ? StoredObjectPhase.Terminating : StoredObjectPhase.Active;
    }

    private enum StoredObjectPhase
    {
        Missing,
        Active,
        Terminating,
    }
}
