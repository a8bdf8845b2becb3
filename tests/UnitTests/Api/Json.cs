using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.UnitTests.Api;

/// <summary>Small helpers shared by the API tests: JSON literals and exact comparisons.</summary>
internal static class Json
{
    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonNode? Node(string json) => JsonNode.Parse(json);

    /// <summary>Asserts structural equality and shows both documents when they differ.</summary>
    public static void Equal(string expectedJson, JsonNode? actual) => Equal(JsonNode.Parse(expectedJson), actual);

    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"JSON differs.\nexpected: {expected?.ToJsonString() ?? "null"}\nactual:   {actual?.ToJsonString() ?? "null"}");
        }
    }

    /// <summary>Runs the action and returns the ApiException it must throw.</summary>
    public static ApiException Refused(Action action) => Assert.Throws<ApiException>(action);
}
