using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>
/// <c>fieldValidation</c>: Strict refuses unknown fields with 400, Warn (the default) answers them in
/// <c>Warning</c> headers, Ignore drops them silently. Values of the wrong type are always refused.
/// </summary>
public static class FieldValidationCheck
{
    public static void Check(ResourceContext request, JsonObject body)
    {
        var warnings = StrictDecoder.Validate(WithoutPatchDirectives(body), request.Path.Type, request.Options.FieldValidation);
        foreach (var warning in warnings)
        {
            request.Http.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
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
