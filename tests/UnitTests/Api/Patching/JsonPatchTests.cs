using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Patching;

namespace ActorOrchestrator.UnitTests.Api.Patching;

public class JsonPatchTests
{
    private static JsonObject Apply(string target, string patch) => JsonPatch.Apply(Json.Obj(target), Json.Node(patch));

    // RFC 6902 appendix A, and the pointer escapes of RFC 6901.
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"copy","from":"/foo","path":"/baz"}]""", """{"foo":["bar"],"baz":["bar"]}""")]
    [InlineData("""{"a/b":1,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/m~0n"}]""", """{"a/b":3}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a"}]""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":null}""", """[{"op":"test","path":"/a","value":null},{"op":"replace","path":"/a","value":1}]""", """{"a":1}""")]
    public void Applies_operations_in_order(string target, string patch, string expected)
    {
        Json.Equal(expected, Apply(target, patch));
    }

    [Fact]
    public void Kubectl_patch_type_json_changes_a_container_image()
    {
        var pod = Json.Obj("""{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis"}]}}""");
        var result = JsonPatch.Apply(pod, Json.Node("""[{"op":"replace","path":"/spec/containers/1/image","value":"redis:7"}]"""));
        Json.Equal("""{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis:7"}]}}""", result);
        Json.Equal("""{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"redis"}]}}""", pod);
    }

    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"test","path":"/foo","value":"baz"}]""", "testing value /foo failed: test failed")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/nope"}]""", "remove operation does not apply: doc is missing path: \"/nope\": missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"replace","path":"/nope","value":1}]""", "replace operation does not apply: doc is missing path")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/a/b","value":1}]""", "add operation does not apply: doc is missing path: \"/a/b\"")]
    [InlineData("""{"foo":[1]}""", """[{"op":"add","path":"/foo/2","value":1}]""", "Unable to access invalid index: 2")]
    [InlineData("""{"foo":[1]}""", """[{"op":"add","path":"/foo/01","value":1}]""", "Unable to access invalid index: 01")]
    [InlineData("""{"foo":[1]}""", """[{"op":"remove","path":"/foo/-"}]""", "Unable to access invalid index: -")]
    [InlineData("""{"foo":{}}""", """[{"op":"move","from":"/foo","path":"/foo/bar"}]""", "cannot be moved into its own child")]
    [InlineData("""{"foo":1}""", """[{"op":"copy","from":"/nope","path":"/x"}]""", "copy operation does not apply: doc is missing path: \"/nope\"")]
    [InlineData("""{"foo":1}""", """[{"op":"add","path":"/x"}]""", "add operation does not apply: missing value")]
    [InlineData("""{"foo":1}""", """[{"op":"move","path":"/x"}]""", "move operation does not apply: missing from")]
    [InlineData("""{"foo":1}""", """[{"op":"frobnicate","path":"/x"}]""", "Unexpected kind: frobnicate")]
    [InlineData("""{"foo":1}""", """[{"path":"/x"}]""", "has no \"op\"")]
    [InlineData("""{"foo":1}""", """[{"op":"add","value":1}]""", "has no \"path\"")]
    [InlineData("""{"foo":1}""", """[{"op":"add","path":"x","value":1}]""", "JSON pointer must be empty or start with a \"/\"")]
    [InlineData("""{"foo":1}""", """[1]""", "operation must be an object")]
    [InlineData("""{"foo":1}""", """[{"op":"remove","path":""}]""", "cannot remove the whole document")]
    [InlineData("""{"foo":1}""", """[{"op":"replace","path":"","value":[1]}]""", "the patched document is not an object")]
    public void Operations_that_do_not_apply_are_422(string target, string patch, string detail)
    {
        var e = Json.Refused(() => Apply(target, patch));
        Assert.Equal((422, "Invalid"), (e.Code, e.Reason));
        Assert.Equal("the server rejected our request due to an error in our request", e.Message);
        var cause = Assert.Single(e.Causes);
        Assert.Equal("patch", cause.Field);
        Assert.Contains(detail, cause.Message);
    }

    [Fact]
    public void A_failing_operation_leaves_the_target_untouched()
    {
        var target = Json.Obj("""{"a":1}""");
        Json.Refused(() => JsonPatch.Apply(target, Json.Node("""[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":9}]""")));
        Json.Equal("""{"a":1}""", target);
    }

    [Theory]
    [InlineData("""{"op":"add"}""", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")]
    [InlineData("\"x\"", "json: cannot unmarshal string into Go value of type jsonpatch.Patch")]
    [InlineData("null", "json: cannot unmarshal null into Go value of type jsonpatch.Patch")]
    public void A_patch_that_is_not_a_list_is_a_bad_request(string patch, string message)
    {
        var e = Json.Refused(() => Apply("{}", patch));
        Assert.Equal((400, message), (e.Code, e.Message));
    }

    [Fact]
    public void More_than_ten_thousand_operations_is_too_large()
    {
        var ops = new JsonArray(Enumerable.Range(0, JsonPatch.MaxOperations + 1).Select(_ => (JsonNode?)Json.Node("""{"op":"test","path":"","value":{}}""")).ToArray());
        var e = Json.Refused(() => JsonPatch.Apply(new JsonObject(), ops));
        Assert.Equal(413, e.Code);
        Assert.Equal("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001", e.Message);
    }
}
