using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Patching;
using CsCheck;

namespace ActorOrchestrator.UnitTests.Api.Patching;

public class JsonMergePatchTests
{
    // RFC 7386 appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Applies_the_rfc_examples(string target, string patch, string expected)
    {
        Json.Equal(expected, JsonMergePatch.Apply(Json.Obj(target), Json.Node(patch)));
    }

    [Theory]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""["a","b"]""", """{"a":"b"}""", """{"a":"b"}""")]
    public void Merge_handles_non_object_values_as_the_rfc_says(string target, string patch, string expected)
    {
        Json.Equal(expected, JsonMergePatch.Merge(Json.Node(target), Json.Node(patch)));
    }

    [Fact]
    public void Kubectl_label_and_scale_patches()
    {
        var rc = Json.Obj("""{"metadata":{"name":"rc","labels":{"app":"web","old":"x"}},"spec":{"replicas":2,"selector":{"app":"web"}}}""");
        Json.Equal("""{"metadata":{"name":"rc","labels":{"app":"web","new":"y"}},"spec":{"replicas":2,"selector":{"app":"web"}}}""",
            JsonMergePatch.Apply(rc, Json.Node("""{"metadata":{"labels":{"old":null,"new":"y"}}}""")));
        Json.Equal("""{"metadata":{"name":"rc","labels":{"app":"web","old":"x"}},"spec":{"replicas":4,"selector":{"app":"web"}}}""",
            JsonMergePatch.Apply(rc, Json.Node("""{"spec":{"replicas":4}}""")));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("null")]
    public void A_patch_that_is_not_an_object_is_refused_for_api_objects(string patch)
    {
        var e = Json.Refused(() => JsonMergePatch.Apply(Json.Obj("{}"), Json.Node(patch)));
        Assert.Equal((400, "Invalid JSON Patch"), (e.Code, e.Message));
    }

    [Fact]
    public void Inputs_are_not_modified()
    {
        var target = Json.Obj("""{"a":{"b":1}}""");
        var patch = Json.Node("""{"a":{"c":[1]}}""");
        var result = JsonMergePatch.Apply(target, patch);
        result["a"]!["c"]!.AsArray().Add(2);
        Json.Equal("""{"a":{"b":1}}""", target);
        Json.Equal("""{"a":{"c":[1]}}""", patch);
    }

    [Fact]
    public void CreatePatch_describes_the_difference()
    {
        var patch = JsonMergePatch.CreatePatch(Json.Obj("""{"a":1,"b":{"c":1,"d":2},"e":[1]}"""), Json.Obj("""{"a":1,"b":{"c":2},"e":[2],"f":true}"""));
        Json.Equal("""{"b":{"d":null,"c":2},"e":[2],"f":true}""", patch);
    }

    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf<JsonNode?>(
        Gen.Int[-3, 3].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.OneOf<string>("x", "y", "").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)));

    private static Gen<JsonObject> Obj(int depth, bool withNulls) =>
        Gen.Select(Gen.OneOf<string>("a", "b", "c", "d"), Value(depth, withNulls)).Array[0, 4].Select(pairs =>
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
    public void Applying_a_patch_twice_changes_nothing_more()
    {
        Gen.Select(Obj(2, false), Obj(2, true)).Sample((target, patch) =>
        {
            var once = JsonMergePatch.Apply(target, patch);
            return JsonNode.DeepEquals(once, JsonMergePatch.Apply(once, patch));
        }, iter: 1000);
    }

    [Fact]
    public void The_empty_patch_is_the_identity()
    {
        Obj(3, true).Sample(target => JsonNode.DeepEquals(target, JsonMergePatch.Apply(target, new JsonObject())), iter: 500);
    }

    [Fact]
    public void A_created_patch_turns_original_into_modified()
    {
        Gen.Select(Obj(2, false), Obj(2, false)).Sample((original, modified) =>
            JsonNode.DeepEquals(modified, JsonMergePatch.Apply(original, JsonMergePatch.CreatePatch(original, modified))), iter: 1000);
    }

    [Fact]
    public void Patches_that_touch_different_keys_commute()
    {
        Gen.Select(Obj(2, false), Obj(2, true), Obj(2, true)).Sample((target, p1, p2) =>
        {
            if (p1.Select(p => p.Key).Intersect(p2.Select(p => p.Key)).Any()) return true;
            return JsonNode.DeepEquals(
                JsonMergePatch.Apply(JsonMergePatch.Apply(target, p1), p2),
                JsonMergePatch.Apply(JsonMergePatch.Apply(target, p2), p1));
        }, iter: 1000);
    }
}
