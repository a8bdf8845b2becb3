using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Api.Patching;

/// <summary>
/// Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>), what
/// <c>kubectl apply</c> and <c>kubectl edit</c> send. Objects merge key by key and <c>null</c> deletes;
/// lists follow the kind's <see cref="PatchSchema"/>: merged by key (containers by name, ports by
/// containerPort, ...), merged as sets (finalizers), or replaced. Directives:
/// <list type="bullet">
/// <item><c>$patch: replace | delete | merge</c> on an object, or as a list item (<c>delete</c> removes the
/// item with that key, <c>replace</c> makes the patch list the whole list);</item>
/// <item><c>$setElementOrder/&lt;list&gt;</c>: the order the merged list must have;</item>
/// <item><c>$deleteFromPrimitiveList/&lt;list&gt;</c>: values to remove from a set-like list;</item>
/// <item><c>$retainKeys</c>: drop every key of the object not listed (for union types such as a volume's source).</item>
/// </list>
/// Inputs are never modified.
/// </summary>
/// <remarks>
/// Deliberate differences from Kubernetes, all in edge cases: <c>$patch: merge</c> on an object is
/// accepted as a no-op (Kubernetes refuses it); a <c>$patch: replace</c> object added where the
/// object had nothing keeps its content (Kubernetes drops it); content errors are 422, not 500.
/// </remarks>
public static class StrategicMergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject patch, ResourceType type) => Apply(target, patch, PatchSchemas.For(type));

    public static JsonObject Apply(JsonObject target, JsonObject patch, string kind) => Apply(target, patch, PatchSchemas.For(kind));

    public static JsonObject Apply(JsonObject target, JsonObject patch, PatchSchema schema) =>
        new Merger(schema).MergeObject((JsonObject)target.DeepClone(), patch, "");

    /// <summary>One patch application; the schema is consulted by path as the merge descends.</summary>
    internal sealed class Merger(PatchSchema schema)
    {
        /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>, which this merge owns and changes.</summary>
        public JsonObject MergeObject(JsonObject original, JsonObject patch, string path)
        {
            switch (PatchDirectives.PatchDirectiveOf(patch))
            {
                case null or PatchDirectives.Merge:
                    break;
                case PatchDirectives.Replace:
                    PatchDirectives.TryClean(patch, out var replacement);
                    return (JsonObject)replacement!;
                case PatchDirectives.Delete:
                    return new JsonObject();
                case var other:
                    throw PatchErrors.DoesNotApply($"unknown patch type: {other} in map: {patch.ToJsonString()}");
            }

            ApplyRetainKeys(original, patch);
            var ordered = ApplySetElementOrders(original, patch, path);

            foreach (var (patchKey, patchValue) in patch)
            {
                if (patchKey is PatchDirectives.Patch or PatchDirectives.RetainKeys ||
                    patchKey.StartsWith(PatchDirectives.SetElementOrderPrefix, StringComparison.Ordinal) || ordered.Contains(patchKey))
                {
                    continue;
                }
                var isDeleteList = patchKey.StartsWith(PatchDirectives.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);
                var key = isDeleteList ? patchKey[PatchDirectives.DeleteFromPrimitiveListPrefix.Length..] : patchKey;
                if (isDeleteList && patchValue is not JsonArray) throw PatchErrors.Malformed("invalid patch format of primitive list");
                MergeField(original, key, patchValue, Child(path, key), isDeleteList);
            }
            return original;
        }

        private void MergeField(JsonObject original, string key, JsonNode? patchValue, string path, bool isDeleteList)
        {
            if (patchValue is null)
            {
                original.Remove(key);
                return;
            }
            var exists = original.TryGetPropertyValue(key, out var current);
            if (!exists || current is null || Kind(current) != Kind(patchValue))
            {
                // Nothing to merge with: take the patch content, minus directives. A deletion list
                // for a list the object lacks deletes nothing.
                if (isDeleteList) return;
                if (PatchDirectives.TryClean(patchValue, out var clean)) original[key] = clean;
                else original.Remove(key);
                return;
            }
            original[key] = current switch
            {
                JsonObject currentObject => MergeObject(currentObject, (JsonObject)patchValue, path),
                JsonArray currentList => StrategicListMerge.MergeField(this, currentList, (JsonArray)patchValue, schema.RuleFor(path), path, isDeleteList),
                _ => patchValue.DeepClone(),
            };
        }

        /// <summary>
        /// <c>$retainKeys</c>: the object keeps only the listed keys; the patch may only set listed keys.
        /// </summary>
        private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
        {
            if (!patch.TryGetPropertyValue(PatchDirectives.RetainKeys, out var retain)) return;
            if (retain is not JsonArray list || list.Any(k => k is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                throw PatchErrors.Malformed("invalid patch format of retainKeys");
            }
            var keep = list.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, value) in patch)
            {
                if (value is not null && !PatchDirectives.IsDirectiveKey(key) && !keep.Contains(key))
                {
                    throw PatchErrors.Malformed("invalid patch format of retainKeys");
                }
            }
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) original.Remove(key);
        }

        /// <summary>
        /// Handles every <c>$setElementOrder/&lt;list&gt;</c> with its list: merges the list, then orders it
        /// as the directive says. Returns the list keys it handled.
        /// </summary>
        private HashSet<string> ApplySetElementOrders(JsonObject original, JsonObject patch, string path)
        {
            var handled = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (patchKey, order) in patch)
            {
                if (!patchKey.StartsWith(PatchDirectives.SetElementOrderPrefix, StringComparison.Ordinal)) continue;
                var key = patchKey[PatchDirectives.SetElementOrderPrefix.Length..];
                if (key.Length == 0 || order is not JsonArray orderList) throw PatchErrors.Malformed("invalid patch format of setElementOrder list");
                var rule = schema.RuleFor(Child(path, key));
                // An order for a list this kind replaces whole has nothing to order: the list is taken as patched.
                if (rule.Strategy == ListStrategy.Replace) continue;

                var currentList = original[key] as JsonArray;
                patch.TryGetPropertyValue(key, out var patchListNode);
                if (patchListNode is not (null or JsonArray)) throw PatchErrors.Malformed("invalid patch format of setElementOrder list");
                var patchList = patchListNode as JsonArray;
                if (currentList is null && patchList is null) continue;

                original[key] = StrategicListMerge.MergeWithOrder(this, currentList, patchList, orderList, rule, Child(path, key));
                handled.Add(key);
            }
            return handled;
        }

        internal static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

        internal static JsonValueKind Kind(JsonNode? node) => node switch
        {
            JsonObject => JsonValueKind.Object,
            JsonArray => JsonValueKind.Array,
            null => JsonValueKind.Null,
            _ => JsonValueKind.String, // every scalar is "a scalar": a number may replace a string
        };
    }
}
