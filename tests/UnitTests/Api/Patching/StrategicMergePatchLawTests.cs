using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Patching;
using CsCheck;

namespace ActorOrchestrator.UnitTests.Api.Patching;

public class StrategicMergePatchLawTests
{
    private static readonly PatchSchema NoMergeLists = new([]);

    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf<JsonNode?>(
        Gen.Int[-2, 2].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.OneOf<string>("x", "y").Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonObject> Obj(int depth, bool withNulls) =>
        Gen.Select(Gen.OneOf<string>("a", "b", "c"), Value(depth, withNulls)).Array[0, 4].Select(pairs =>
        {
            var obj = new JsonObject();
            foreach (var (k, v) in pairs) obj[k] = v?.DeepClone();
            return obj;
        });

    private static Gen<JsonNode?> Value(int depth, bool withNulls)
    {
        var options = new List<(int, IGen<JsonNode?>)> { (3, Leaf), (1, Leaf.Array[0, 3].Select(a => (JsonNode?)new JsonArray(a.Select(n => n?.DeepClone()).ToArray()))) };
        if (withNulls) options.Add((1, Gen.Const(() => (JsonNode?)null)));
        if (depth > 0) options.Add((2, Obj(depth - 1, withNulls).Select(o => (JsonNode?)o)));
        return Gen.Frequency(options.ToArray());
    }

    [Fact]
    public void Without_merge_lists_or_directives_it_is_a_json_merge_patch()
    {
        Gen.Select(Obj(2, false), Obj(2, true)).Sample((target, patch) =>
            JsonNode.DeepEquals(JsonMergePatch.Apply(target, patch), StrategicMergePatch.Apply(target, patch, NoMergeLists)), iter: 1000);
    }

    [Fact]
    public void The_empty_patch_is_the_identity_for_every_kind()
    {
        Gen.Select(Obj(3, false), Gen.OneOf<string>("Pod", "Deployment", "CronJob", "Node", "Service", "ConfigMap")).Sample((target, kind) =>
            JsonNode.DeepEquals(target, StrategicMergePatch.Apply(target, new JsonObject(), kind)), iter: 500);
    }

    private static readonly Gen<JsonObject> Container = Gen.Select(Gen.OneOf<string>("a", "b", "c", "d"), Gen.OneOf<string>("1", "2", "3"))
        .Select(t => new JsonObject { ["name"] = t.Item1, ["image"] = t.Item2 });

    private static JsonObject Pod(JsonObject[] containers) =>
        new() { ["spec"] = new JsonObject { ["containers"] = new JsonArray(containers.GroupBy(c => c["name"]!.GetValue<string>()).Select(g => (JsonNode?)g.First().DeepClone()).ToArray()) } };

    [Fact]
    public void Applying_a_keyed_list_patch_twice_changes_nothing_more()
    {
        Gen.Select(Container.Array[0, 4], Container.Array[0, 4]).Sample((current, changes) =>
        {
            var pod = Pod(current);
            var patch = Pod(changes);
            var once = StrategicMergePatch.Apply(pod, patch, "Pod");
            return JsonNode.DeepEquals(once, StrategicMergePatch.Apply(once, patch, "Pod"));
        }, iter: 1000);
    }

    [Fact]
    public void Set_element_order_yields_exactly_the_listed_containers_in_that_order()
    {
        Gen.Select(Container.Array[0, 4], Container.Array[0, 4]).Sample((current, wanted) =>
        {
            var pod = Pod(current);
            var desired = Pod(wanted)["spec"]!["containers"]!.AsArray();
            var names = desired.Select(c => c!["name"]!.GetValue<string>()).ToList();
            var currentNames = pod["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
            // What kubectl apply sends: the order, the changed or new items, deletions for the rest.
            var items = new JsonArray(desired.Select(c => c!.DeepClone()).ToArray());
            foreach (var gone in currentNames.Except(names)) items.Add(new JsonObject { ["$patch"] = "delete", ["name"] = gone });
            var patch = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["$setElementOrder/containers"] = new JsonArray(names.Select(n => (JsonNode?)new JsonObject { ["name"] = n }).ToArray()),
                    ["containers"] = items,
                },
            };
            var result = StrategicMergePatch.Apply(pod, patch, "Pod")["spec"]!["containers"]!.AsArray();
            return JsonNode.DeepEquals(result, desired);
        }, iter: 1000);
    }
}
