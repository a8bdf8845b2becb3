using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Store.Objects;

/// <summary>Computes the attributes the store keeps beside an object's JSON for selectors.</summary>
public static class AttributeExtraction
{
    public static ObjectAttributes Extract(string storageKey, JsonObject obj)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ResourceRegistry.FindByStorageKey(storageKey) is { } type)
        {
            foreach (var field in SelectableFields.For(type))
            {
                // Name and namespace are columns of their own.
                if (field is "metadata.name" or "metadata.namespace") continue;
                fields[field] = SelectableFields.ValueOf(obj, field);
            }
        }
        return new ObjectAttributes(obj.Labels(), fields, ControllerUid(obj));
    }

    private static Guid? ControllerUid(JsonObject obj)
    {
        if (obj.Metadata()["ownerReferences"] is not JsonArray refs) return null;
        foreach (var r in refs.OfType<JsonObject>())
        {
            if (r["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController
                && Guid.TryParse(r.GetString("uid"), out var uid))
            {
                return uid;
            }
        }
        return null;
    }
}
