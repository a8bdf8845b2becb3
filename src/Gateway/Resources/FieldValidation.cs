using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>
/// <c>fieldValidation</c>: Strict refuses unknown or duplicate fields with 400, Warn (the default)
/// answers them in <c>Warning</c> headers, Ignore drops them silently.
/// </summary>
public static class FieldValidation
{
    public static void Check(ResourceContext request, JsonObject body)
    {
        if (request.Options.FieldValidation == "Ignore") return;
        var unknown = StrictDecoder.FindUnknownFields(WithoutPatchDirectives(body), request.Path.Type.ModelType);
        if (unknown.Count == 0) return;
        if (request.Options.FieldValidation == "Strict")
        {
            var fields = string.Join(", ", unknown.Select(f => $"unknown field \"{f}\""));
            throw ApiException.BadRequest($"strict decoding error: {fields}");
        }
        foreach (var field in unknown)
        {
            request.Http.Response.Headers.Append("Warning", $"299 - \"unknown field \\\"{field}\\\"\"");
        }
    }

    /// <summary>Strategic-merge directives (<c>$patch</c>, <c>$setElementOrder/...</c>) are not fields.</summary>
    private static JsonObject WithoutPatchDirectives(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key.StartsWith('$')) continue;
            copy[key] = value switch
            {
                JsonObject nested => WithoutPatchDirectives(nested),
                JsonArray array => new JsonArray(array.Select(e => e is JsonObject o ? WithoutPatchDirectives(o) : e?.DeepClone()).ToArray()),
                _ => value?.DeepClone(),
            };
        }
        return copy;
    }

}
