using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// The <c>pod-template-hash</c> of a Deployment's ReplicaSets and the <c>controller-revision-hash</c> of a
/// DaemonSet's pods. Kubernetes hashes Go's dump of the PodTemplateSpec struct with FNV-32a; we hash a
/// canonical JSON form of the template (keys sorted, nulls and empty maps and lists dropped, the hash label
/// removed) with FNV-32a, then encode the decimal value with Kubernetes' SafeEncodeString alphabet. The
/// values look like Kubernetes' (<c>5d9f8c7b6</c>) and are stable across processes, but are not the same
/// numbers a Kubernetes controller would compute for the same template.
/// </summary>
public static class TemplateHash
{
    public const string PodTemplateHashLabel = "pod-template-hash";
    public const string ControllerRevisionHashLabel = "controller-revision-hash";

    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonObject? template, int? collisionCount = null)
    {
        var bytes = Encoding.UTF8.GetBytes(Canonical(template));
        var hash = 2166136261u;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        if (collisionCount is { } collisions)
        {
            // Kubernetes appends the collision count as 8 bytes, the low four little-endian.
            Span<byte> extra = stackalloc byte[8];
            BitConverter.TryWriteBytes(extra, (uint)collisions);
            foreach (var b in extra) hash = (hash ^ b) * 16777619u;
        }
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(c => SafeAlphabet[c % SafeAlphabet.Length]));
    }

    /// <summary>Kubernetes' EqualIgnoreHash: templates equal up to the hash labels, nil and empty alike.</summary>
    public static bool EqualIgnoringHash(JsonObject? a, JsonObject? b) => Canonical(a) == Canonical(b);

    /// <summary>The canonical text both the hash and the equality use.</summary>
    public static string Canonical(JsonObject? template)
    {
        var copy = (JsonObject?)template?.DeepClone() ?? [];
        if (copy["metadata"] is JsonObject meta && meta["labels"] is JsonObject labels)
        {
            labels.Remove(PodTemplateHashLabel);
            labels.Remove(ControllerRevisionHashLabel);
        }
        var buffer = new StringBuilder();
        Write(Prune(copy), buffer);
        return buffer.ToString();
    }

    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var pruned = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var child = Prune(value);
                    if (child is not null) pruned[key] = child;
                }
                return pruned.Count == 0 ? null : pruned;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array) items.Add(Prune(item) ?? new JsonObject());
                return items.Count == 0 ? null : items;
            case JsonValue value:
                return value.GetValueKind() == JsonValueKind.Null ? null : value.DeepClone();
            default:
                return null;
        }
    }

    private static void Write(JsonNode? node, StringBuilder buffer)
    {
        buffer.Append(node?.ToJsonString() ?? "{}");
    }
}
