using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Patching;

/// <summary>
/// The list half of strategic merge patch: merging items by key or as a set, the <c>$patch</c> items,
/// and the ordering rules (<c>$setElementOrder</c> first, then the patch's order, then the object's),
/// as k8s.io/apimachinery/pkg/util/strategicpatch does them.
/// </summary>
internal static class StrategicListMerge
{
    /// <summary>A list field met in the main merge loop (no <c>$setElementOrder</c> for it).</summary>
    public static JsonArray MergeField(StrategicMergePatch.Merger merger, JsonArray current, JsonArray patch, ListPatchRule rule, string path, bool isDeleteList)
    {
        // A deletion list applies whatever the field's strategy, as in Kubernetes.
        if (isDeleteList) return RemoveScalars(current, patch);
        if (rule.Strategy == ListStrategy.Replace)
        {
            PatchDirectives.TryClean(patch, out var replacement);
            return (JsonArray)replacement!;
        }
        var (merged, replaced) = Merge(merger, current, patch, rule, path);
        return replaced ? merged : Order(merged, patch, current, rule.MergeKey);
    }

    /// <summary>A list with a <c>$setElementOrder</c> directive: merge, then order by the directive.</summary>
    public static JsonArray MergeWithOrder(StrategicMergePatch.Merger merger, JsonArray? current, JsonArray? patch, JsonArray order, ListPatchRule rule, string path)
    {
        var key = rule.Strategy == ListStrategy.MergeByKey ? rule.MergeKey : null;
        if (patch is not null) ValidateOrder(patch, order, key);
        JsonArray merged;
        if (current is null)
        {
            PatchDirectives.TryClean(patch, out var added);
            merged = (JsonArray)added!;
        }
        else if (patch is null)
        {
            merged = current;
        }
        else
        {
            var (result, replaced) = Merge(merger, current, patch, rule, path);
            if (replaced) return result;
            merged = result;
        }
        return Order(merged, order, current ?? [], key);
    }

    /// <summary>Merges items; says whether a <c>$patch: replace</c> item made the patch list the whole list.</summary>
    private static (JsonArray Merged, bool Replaced) Merge(StrategicMergePatch.Merger merger, JsonArray current, JsonArray patch, ListPatchRule rule, string path)
    {
        if (current.Count == 0 && patch.Count == 0) return (current, false);
        var itemKind = ItemKind(current, patch, path);
        if (itemKind != System.Text.Json.JsonValueKind.Object)
        {
            // Scalars: the union, first occurrence kept.
            var union = new JsonArray();
            foreach (var item in current.Concat(patch))
            {
                if (!union.Any(u => JsonNode.DeepEquals(u, item))) union.Add(item?.DeepClone());
            }
            return (union, false);
        }
        if (rule.MergeKey is not { } mergeKey) throw PatchErrors.DoesNotApply($"cannot merge lists without merge key for {path}");

        var items = current.Select(i => i?.DeepClone()).ToList();
        var plain = new List<JsonObject>();
        var replace = false;
        foreach (var patchItem in patch.Cast<JsonObject>())
        {
            switch (PatchDirectives.PatchDirectiveOf(patchItem))
            {
                case null:
                    plain.Add(patchItem);
                    break;
                case PatchDirectives.Delete:
                    var doomed = KeyOf(patchItem, mergeKey);
                    items.RemoveAll(i => JsonNode.DeepEquals(((JsonObject)i!)[mergeKey], doomed));
                    break;
                case PatchDirectives.Replace:
                    replace = true;
                    break;
                case PatchDirectives.Merge:
                    break; // merging is what happens anyway
                case var other:
                    throw PatchErrors.DoesNotApply($"unknown patch type: {other} in map: {patchItem.ToJsonString()}");
            }
        }
        if (replace)
        {
            var whole = new JsonArray();
            foreach (var item in plain)
            {
                if (PatchDirectives.TryClean(item, out var clean)) whole.Add(clean);
            }
            return (whole, true);
        }

        foreach (var patchItem in plain)
        {
            var value = KeyOf(patchItem, mergeKey);
            var index = items.FindIndex(i => JsonNode.DeepEquals(((JsonObject)i!)[mergeKey], value));
            if (index >= 0)
            {
                items[index] = merger.MergeObject((JsonObject)items[index]!, patchItem, path + "[]");
            }
            else if (PatchDirectives.TryClean(patchItem, out var added))
            {
                items.Add(added);
            }
        }
        return (new JsonArray(items.ToArray()), false);
    }

    /// <summary>
    /// Orders a merged list: items named in <paramref name="patchOrder"/> take that order; the
    /// object's other items keep their order and are interleaved where the object had them
    /// (Kubernetes' normalizeElementOrder and mergeSortedSlice).
    /// </summary>
    private static JsonArray Order(JsonArray merged, JsonArray patchOrder, JsonArray serverOrder, string? mergeKey)
    {
        var inPatch = new List<JsonNode?>();
        var serverOnly = new List<JsonNode?>();
        var patchIdentities = patchOrder.Where(p => PatchDirectives.PatchDirectiveOf(p) != PatchDirectives.Delete).Select(p => Identity(p, mergeKey)).ToList();
        foreach (var item in merged)
        {
            (IndexOf(patchIdentities, Identity(item, mergeKey)) >= 0 ? inPatch : serverOnly).Add(item);
        }
        var serverIdentities = serverOrder.Select(s => Identity(s, mergeKey)).ToList();
        var patchSorted = inPatch.OrderBy(i => IndexOf(patchIdentities, Identity(i, mergeKey))).ToList();
        var serverSorted = serverOnly.OrderBy(i => IndexOf(serverIdentities, Identity(i, mergeKey))).ToList();

        // Insert each server-only item before the first patch item that the object had after it.
        var result = new List<JsonNode?>(merged.Count);
        int s = 0, p = 0;
        while (s < serverSorted.Count || p < patchSorted.Count)
        {
            if (p >= patchSorted.Count) result.Add(serverSorted[s++]);
            else if (s >= serverSorted.Count) result.Add(patchSorted[p++]);
            else
            {
                var left = IndexOf(serverIdentities, Identity(serverSorted[s], mergeKey));
                var right = IndexOf(serverIdentities, Identity(patchSorted[p], mergeKey));
                result.Add(left >= 0 && right >= 0 && left < right ? serverSorted[s++] : patchSorted[p++]);
            }
        }
        merged.Clear(); // detaches the items so the ordered list can own them
        return new JsonArray(result.ToArray());
    }

    /// <summary>
    /// The patch list must not contradict <c>$setElementOrder</c>: its items appear there, in the same
    /// relative order (deletions aside).
    /// </summary>
    private static void ValidateOrder(JsonArray patch, JsonArray order, string? mergeKey)
    {
        if (mergeKey is not null)
        {
            foreach (var item in order)
            {
                if (item is not JsonObject o || !o.ContainsKey(mergeKey)) throw NoMergeKey(item, mergeKey);
            }
        }
        var items = patch.Where(i => PatchDirectives.PatchDirectiveOf(i) is null).ToList();
        int pi = 0, oi = 0;
        while (pi < items.Count && oi < order.Count)
        {
            if (JsonNode.DeepEquals(Identity(items[pi], mergeKey), Identity(order[oi], mergeKey))) pi++;
            oi++;
        }
        if (pi < items.Count)
        {
            throw PatchErrors.DoesNotApply($"The order in patch list:\n{patch.ToJsonString()}\n doesn't match $setElementOrder list:\n{order.ToJsonString()}");
        }
    }

    private static JsonArray RemoveScalars(JsonArray current, JsonArray toDelete) =>
        new(current.Where(item => !toDelete.Any(d => JsonNode.DeepEquals(d, item))).Select(i => i?.DeepClone()).ToArray());

    private static System.Text.Json.JsonValueKind ItemKind(JsonArray current, JsonArray patch, string path)
    {
        var kinds = current.Concat(patch).Select(StrategicMergePatch.Merger.Kind).Distinct().ToList();
        if (kinds.Contains(System.Text.Json.JsonValueKind.Array)) throw PatchErrors.DoesNotApply("lists of lists are not supported");
        if (kinds.Count > 1) throw PatchErrors.DoesNotApply($"list items of {path} are not all of one type");
        return kinds.Count == 0 ? System.Text.Json.JsonValueKind.Null : kinds[0];
    }

    private static JsonNode? KeyOf(JsonObject item, string mergeKey) =>
        item.TryGetPropertyValue(mergeKey, out var value) ? value : throw NoMergeKey(item, mergeKey);

    private static JsonNode? Identity(JsonNode? item, string? mergeKey) =>
        mergeKey is null ? item : (item as JsonObject)?[mergeKey];

    private static int IndexOf(List<JsonNode?> identities, JsonNode? identity) =>
        identities.FindIndex(i => JsonNode.DeepEquals(i, identity));

    private static Errors.ApiException NoMergeKey(JsonNode? item, string mergeKey) =>
        PatchErrors.DoesNotApply($"map: {item?.ToJsonString() ?? "null"} does not contain declared merge key: {mergeKey}");
}
