using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Api.Selectors;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>
/// Finds a controller's children in the store: those its selector matches plus those that name it as
/// controller (which may have stopped matching and must be released). Lists are indexed queries; no
/// child grain is woken to answer.
/// </summary>
internal static class ChildObjects
{
    public static async Task<IReadOnlyList<JsonObject>> ListAsync(ObjectReader reader, ResourceType type, string ns, LabelSelector selector, string? ownerUid)
    {
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (!selector.IsEmpty)
        {
            var matching = await reader.ListAsync(new ListQuery(type.StorageKey, ns, SelectorTerms.From(selector), []));
            foreach (var item in matching.Items) found[item.Key.Name] = JsonNode.Parse(item.Json)!.AsObject();
        }
        if (Guid.TryParse(ownerUid, out var uid))
        {
            var owned = await reader.ListAsync(new ListQuery(type.StorageKey, ns, [], [], ControllerUid: uid));
            foreach (var item in owned.Items) found.TryAdd(item.Key.Name, JsonNode.Parse(item.Json)!.AsObject());
        }
        return found.Values.ToList();
    }

    /// <summary>The owner reference list of <paramref name="child"/> with a controller reference to <paramref name="owner"/> added.</summary>
    public static JsonArray WithControllerRef(JsonObject child, JsonObject owner)
    {
        var references = child.Metadata()["ownerReferences"] is JsonArray existing ? (JsonArray)existing.DeepClone() : [];
        if (!references.OfType<JsonObject>().Any(r => r.Str("uid") == owner.Uid()))
        {
            references.Add(Controllers.OwnerRef.ControllerRefTo(owner));
        }
        return references;
    }

    /// <summary>
    /// The owner reference list of <paramref name="child"/> without any reference to <paramref name="ownerUid"/>;
    /// null when none is left, so that a merge patch removes the field as Kubernetes shows it.
    /// </summary>
    public static JsonArray? WithoutRef(JsonObject child, string ownerUid)
    {
        var left = child.Metadata().Objects("ownerReferences").Where(r => r.Str("uid") != ownerUid).Select(r => (JsonNode?)r.DeepClone()).ToArray();
        return left.Length == 0 ? null : new JsonArray(left);
    }
}
