using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>
/// The metadata fields only the server sets: stamped on create, carried over on every update so
/// that clients cannot change them, and generation bumped when the desired state changes.
/// </summary>
internal static class ServerMetadata
{
    private static readonly string[] CarriedOver =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name"];

    public static void StampNew(JsonObject obj, DateTimeOffset now)
    {
        var meta = obj.Metadata();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Timestamps.Format(now);
        meta["generation"] = 1;
        meta.Remove("resourceVersion");
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        meta.Remove("managedFields");
    }

    /// <summary>Makes <paramref name="updated"/> keep the server-owned metadata of <paramref name="current"/>.</summary>
    public static void CarryOver(JsonObject current, JsonObject updated)
    {
        var from = current.Metadata();
        var to = updated.Metadata();
        foreach (var field in CarriedOver)
        {
            if (from[field] is { } value) to[field] = value.DeepClone();
            else to.Remove(field);
        }
        to.Remove("resourceVersion");
        to.Remove("selfLink");
        to.Remove("managedFields");
        if (!Equals(DesiredState(current), DesiredState(updated)))
        {
            to["generation"] = current.Generation() + 1;
        }
    }

    /// <summary>Everything except metadata and status: what a change of generation means.</summary>
    private static string DesiredState(JsonObject obj)
    {
        var parts = obj.Where(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + (p.Value?.ToJsonString() ?? "null"));
        return string.Join("\n", parts);
    }

    /// <summary>True when two objects are the same apart from their resourceVersion.</summary>
    public static bool SameContent(JsonObject a, JsonObject b)
    {
        var left = a.Clone();
        var right = b.Clone();
        left.Metadata().Remove("resourceVersion");
        right.Metadata().Remove("resourceVersion");
        return JsonNode.DeepEquals(left, right);
    }
}
