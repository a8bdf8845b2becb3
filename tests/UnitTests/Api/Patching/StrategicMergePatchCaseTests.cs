using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Manifests;
using ActorOrchestrator.Api.Patching;

namespace ActorOrchestrator.UnitTests.Api.Patching;

/// <summary>
/// Behaviour cases from Kubernetes' own strategic merge patch tests, on a test schema shaped like
/// theirs: <c>mergingList</c> merged by <c>name</c>, <c>mergingIntList</c> merged as a set, everything else replaced.
/// </summary>
public class StrategicMergePatchCaseTests
{
    private static readonly PatchSchema Schema = new(new Dictionary<string, ListPatchRule>
    {
        ["mergingList"] = ListPatchRule.ByKey("name"),
        ["mergingList[].mergingList"] = ListPatchRule.ByKey("name"),
        ["mergingList[].mergingIntList"] = ListPatchRule.MergeScalars,
        ["mergingIntList"] = ListPatchRule.MergeScalars,
        ["retainKeysMap.mergingList"] = ListPatchRule.ByKey("name"),
        ["retainKeysMap.mergingIntList"] = ListPatchRule.MergeScalars,
        ["retainKeysMergingList"] = ListPatchRule.ByKey("name"),
    });

    private static JsonObject Yaml(string yaml) => ManifestReader.Read(yaml).SingleOrDefault() ?? new JsonObject();

    private static void Check(string current, string patch, string expected) =>
        Json.Equal(Yaml(expected), StrategicMergePatch.Apply(Yaml(current), Yaml(patch), Schema));

    public static TheoryData<string, string, string, string> Cases => new()
    {
        {
            "merge lists of maps",
            "mergingList:\n- name: '1'\n  other: a\n- name: '2'\n  value: '2'\n  other: b\n",
            "$setElementOrder/mergingList: [{name: '4'}, {name: '1'}, {name: '2'}, {name: '3'}]\nmergingList:\n- {name: '4', value: '4'}\n- {name: '3', value: '3'}\n",
            "mergingList:\n- {name: '4', value: '4'}\n- {name: '1', other: a}\n- {name: '2', value: '2', other: b}\n- {name: '3', value: '3'}\n"
        },
        {
            "add an item in a list and preserve order",
            "mergingList: [{name: '1', other: a}, {name: '2', value: '2', other: b}]",
            "$setElementOrder/mergingList: [{name: '3'}, {name: '1'}, {name: '2'}]\nmergingList: [{name: '3', value: '3'}]",
            "mergingList: [{name: '3', value: '3'}, {name: '1', other: a}, {name: '2', value: '2', other: b}]"
        },
        {
            "set elements order in a list with server-only items",
            "mergingList: [{name: '1', other: a}, {name: '3', value: '3'}, {name: '4', value: '4'}, {name: '2', value: '2'}, {name: '9'}]",
            "$setElementOrder/mergingList: [{name: '4'}, {name: '2'}, {name: '3'}, {name: '1'}]",
            "mergingList: [{name: '4', value: '4'}, {name: '2', value: '2'}, {name: '3', value: '3'}, {name: '1', other: a}, {name: '9'}]"
        },
        {
            "set elements order in a list with server-only items 2",
            "mergingList: [{name: '1', other: a}, {name: '2', value: '2'}, {name: '9'}, {name: '3', value: '3'}, {name: '4', value: '4'}]",
            "$setElementOrder/mergingList: [{name: '2'}, {name: '1'}, {name: '4'}, {name: '3'}]",
            "mergingList: [{name: '2', value: '2'}, {name: '1', other: a}, {name: '9'}, {name: '4', value: '4'}, {name: '3', value: '3'}]"
        },
        {
            "set elements order in a list with server-only items 3",
            "mergingList: [{name: '1', other: a}, {name: '2', value: '2'}, {name: '7'}, {name: '9'}, {name: '8'}, {name: '3', value: '3'}, {name: '4', value: '4'}]",
            "$setElementOrder/mergingList: [{name: '2'}, {name: '1'}, {name: '4'}, {name: '3'}]",
            "mergingList: [{name: '2', value: '2'}, {name: '1', other: a}, {name: '7'}, {name: '9'}, {name: '8'}, {name: '4', value: '4'}, {name: '3', value: '3'}]"
        },
        {
            "$setElementOrder contains item that is not present in the list to be merged",
            "mergingList: [{name: '1'}, {name: '3'}]",
            "$setElementOrder/mergingList: [{name: '3'}, {name: '2'}, {name: '1'}]\nmergingList: [{name: '3', value: '3'}, {name: '1', value: '1'}]",
            "mergingList: [{name: '3', value: '3'}, {name: '1', value: '1'}]"
        },
        {
            "delete map from merging list",
            "mergingList: [{name: '1'}, {name: '2', other: b}]",
            "$setElementOrder/mergingList: [{name: '2'}]\nmergingList: [{name: '1', $patch: delete}]",
            "mergingList: [{name: '2', other: b}]"
        },
        {
            "delete missing map from merging list",
            "mergingList: [{name: '2', other: b}]",
            "mergingList: [{name: '1', $patch: delete}]",
            "mergingList: [{name: '2', other: b}]"
        },
        {
            "replace non merging list nested in merging list",
            "mergingList: [{name: '1', nonMergingList: [{name: '1'}, {name: '2', value: '2'}]}, {name: '2'}]",
            "mergingList: [{name: '1', nonMergingList: [{name: '1', value: '1'}]}]",
            "mergingList: [{name: '1', nonMergingList: [{name: '1', value: '1'}]}, {name: '2'}]"
        },
        {
            "add field to map in merging list nested in merging list",
            "mergingList: [{name: '1', mergingList: [{name: '1'}, {name: '2', value: '2'}]}, {name: '2'}]",
            "mergingList: [{name: '1', mergingList: [{name: '1', value: '1'}]}]",
            "mergingList: [{name: '1', mergingList: [{name: '1', value: '1'}, {name: '2', value: '2'}]}, {name: '2'}]"
        },
        {
            "merge lists of scalars",
            "mergingIntList: [1, 2]",
            "mergingIntList: [2, 3]",
            "mergingIntList: [1, 2, 3]"
        },
        {
            "add an item in a list of primitives and preserve order",
            "mergingIntList: [1, 2]",
            "$setElementOrder/mergingIntList: [3, 1, 2]\nmergingIntList: [3]",
            "mergingIntList: [3, 1, 2]"
        },
        {
            "delete all duplicate items in lists of scalars",
            "mergingIntList: [1, 2, 3, 3, 4]",
            "$setElementOrder/mergingIntList: [1, 2]\n$deleteFromPrimitiveList/mergingIntList: [3]",
            "mergingIntList: [1, 2, 4]"
        },
        {
            "add and delete items in lists of scalars",
            "mergingIntList: [1, 2, 3, 5]",
            "$setElementOrder/mergingIntList: [1, 2, 4]\n$deleteFromPrimitiveList/mergingIntList: [3]\nmergingIntList: [4]",
            "mergingIntList: [1, 2, 4, 5]"
        },
        {
            "$deleteFromPrimitiveList of a missing item adds nothing",
            "mergingIntList: [1, 2]",
            "$deleteFromPrimitiveList/mergingIntList: [3]",
            "mergingIntList: [1, 2]"
        },
        {
            "$deleteFromPrimitiveList on a missing list does not create it",
            "foo: [bar]",
            "$deleteFromPrimitiveList/mergingIntList: [3]",
            "foo: [bar]"
        },
        {
            "$deleteFromPrimitiveList applies to a list without merge strategy too",
            "nonMergingIntList: [1, 2, 3]",
            "$deleteFromPrimitiveList/nonMergingIntList: [2]",
            "nonMergingIntList: [1, 3]"
        },
        {
            "retainKeys map should clear defaulted field",
            "retainKeysMap: {value: foo}",
            "retainKeysMap: {$retainKeys: [other], other: bar}",
            "retainKeysMap: {other: bar}"
        },
        {
            "retainKeys map adds a field and clears a field",
            "retainKeysMap: {name: foo, other: a}",
            "retainKeysMap: {$retainKeys: [name, value], value: bar}",
            "retainKeysMap: {name: foo, value: bar}"
        },
        {
            "retainKeys map deletes a field",
            "retainKeysMap: {name: foo, value: bar}",
            "retainKeysMap: {$retainKeys: [name], value: null}",
            "retainKeysMap: {name: foo}"
        },
        {
            "retainKeys list of maps clears a field",
            "retainKeysMergingList: [{name: '1', value: a, other: x}, {name: '2'}]",
            "retainKeysMergingList: [{$retainKeys: [name, value], name: '1', value: b}]",
            "retainKeysMergingList: [{name: '1', value: b}, {name: '2'}]"
        },
        {
            "null deletes a key and a missing null is ignored",
            "simpleMap: {a: '1', b: '2'}",
            "simpleMap: {a: null, c: null, d: '4'}",
            "simpleMap: {b: '2', d: '4'}"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaves_like_kubernetes(string description, string current, string patch, string expected)
    {
        Assert.NotEmpty(description);
        Check(current, patch, expected);
    }

    [Theory]
    [InlineData("mergingList: [{name: '1'}, {name: '3'}, {name: '2'}]",
        "$setElementOrder/mergingList: [{name: '1'}, {name: '2'}, {name: '3'}]\nmergingList: [{name: '3', value: '3'}, {name: '1', value: '1'}]",
        "doesn't match $setElementOrder list")]
    [InlineData("mergingIntList: [1, 3, 2]", "$setElementOrder/mergingIntList: [1, 2, 3]\nmergingIntList: [3, 1]", "doesn't match")]
    [InlineData("mergingList: [{name: '1', value: a}]", "mergingList: [{value: b}]", "does not contain declared merge key: name")]
    [InlineData("mergingList: [{name: '1'}]", "mergingList: [{name: '1', $patch: frobnicate}]", "unknown patch type: frobnicate")]
    [InlineData("simpleMap: {a: b}", "simpleMap: {$patch: frobnicate}", "unknown patch type: frobnicate in map")]
    [InlineData("mergingIntList: [[1]]", "mergingIntList: [[2]]", "lists of lists are not supported")]
    [InlineData("mergingIntList: [1]", "mergingIntList: [{a: 1}]", "are not all of one type")]
    [InlineData("mergingList: [{name: '1'}]", "$setElementOrder/mergingList: [{value: x}]\nmergingList: [{name: '1'}]", "does not contain declared merge key")]
    public void Patches_that_cannot_apply_are_422(string current, string patch, string detail)
    {
        var e = Json.Refused(() => StrategicMergePatch.Apply(Yaml(current), Yaml(patch), Schema));
        Assert.Equal(422, e.Code);
        Assert.Contains(detail, Assert.Single(e.Causes).Message);
    }

    [Theory]
    [InlineData("retainKeysMap: {name: a}", "retainKeysMap: {$retainKeys: name}", "invalid patch format of retainKeys")]
    [InlineData("retainKeysMap: {name: a}", "retainKeysMap: {$retainKeys: [name], value: x}", "invalid patch format of retainKeys")]
    [InlineData("mergingIntList: [1]", "$setElementOrder/mergingIntList: 1", "invalid patch format of setElementOrder list")]
    [InlineData("mergingIntList: [1]", "$deleteFromPrimitiveList/mergingIntList: 1", "invalid patch format of primitive list")]
    public void Malformed_directives_are_400(string current, string patch, string message)
    {
        var e = Json.Refused(() => StrategicMergePatch.Apply(Yaml(current), Yaml(patch), Schema));
        Assert.Equal((400, message), (e.Code, e.Message));
    }
}
