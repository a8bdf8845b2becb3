using System.Text.Json.Nodes;

namespace ActorOrchestrator.Store.Objects;

/// <summary>The stored JSON form of an object: apiVersion, kind and metadata first, as Kubernetes writes them.</summary>
public static class StoredJson
{
    private static readonly string[] Leading = ["apiVersion", "kind", "metadata"];

    public static string Serialize(JsonObject obj)
    {
        if (IsCanonicalOrder(obj)) return obj.ToJsonString();
        var ordered = new JsonObject();
        foreach (var key in Leading)
        {
            if (obj[key] is { } value) ordered[key] = value.DeepClone();
        }
        foreach (var (key, value) in obj)
        {
            if (!Leading.Contains(key)) ordered[key] = value?.DeepClone();
        }
        return ordered.ToJsonString();
    }

    private static bool IsCanonicalOrder(JsonObject obj)
    {
        var i = 0;
        foreach (var (key, _) in obj)
        {
            if (i >= Leading.Length) return true;
            if (key != Leading[i]) return false;
            i++;
        }
        return true;
    }
}
