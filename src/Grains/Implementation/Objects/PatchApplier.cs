using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Patching;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>Applies a patch of any supported type to the grain's copy of its object.</summary>
internal static class PatchApplier
{
    public static JsonObject Apply(ResourceType type, PatchType patchType, JsonObject target, string patchText)
    {
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchText);
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest("the patch is not valid JSON: " + ex.Message);
        }
        var result = patchType switch
        {
            PatchType.Json => JsonPatch.Apply(target, patch),
            PatchType.Merge => JsonMergePatch.Apply(target, patch),
            // Server-side apply merges the applied configuration the way a strategic patch does.
            PatchType.Strategic or PatchType.Apply => StrategicMergePatch.Apply(target, AsObject(patch), type),
            _ => throw ApiException.UnsupportedMediaType(patchType.ToString()),
        };
        return result as JsonObject ?? throw ApiException.BadRequest("the patch did not produce an object");
    }

    private static JsonObject AsObject(JsonNode? patch) =>
        patch as JsonObject ?? throw ApiException.BadRequest("a strategic merge patch must be a JSON object");
}
