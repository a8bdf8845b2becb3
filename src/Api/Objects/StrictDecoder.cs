using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Api.Objects;

/// <summary>
/// Field validation as the API server does it for <c>fieldValidation=Strict|Warn|Ignore</c>: walks
/// the object's JSON against its KubernetesClient model (e.g. <c>k8s.Models.V1Pod</c>) and reports
/// every unknown field by path (<c>spec.containers[0].imagee</c>) and every value of the wrong type.
/// Unknown fields follow the directive; wrong types are always refused, as Kubernetes cannot decode them.
/// </summary>
/// <remarks>
/// Duplicate fields cannot reach here: a <see cref="JsonObject"/> holds each key once, so
/// <see cref="Manifests.ManifestReader"/> refuses duplicates while parsing, with their path and line.
/// </remarks>
public static class StrictDecoder
{
    /// <summary>Unknown fields and type errors found in one object.</summary>
    /// <param name="UnknownFields">Paths without a leading dot, in document order.</param>
    /// <param name="TypeErrors">Go-style messages, e.g. <c>json: cannot unmarshal string into field spec.replicas of type int32</c>.</param>
    public sealed record Report(IReadOnlyList<string> UnknownFields, IReadOnlyList<string> TypeErrors);

    /// <summary>Finds everything the model does not accept.</summary>
    public static Report Inspect(JsonObject obj, Type modelType)
    {
        var unknown = new List<string>();
        var typeErrors = new List<string>();
        Walk(obj, modelType, "", unknown, typeErrors);
        return new Report(unknown, typeErrors);
    }

    /// <summary>The paths of fields the model does not have.</summary>
    public static IReadOnlyList<string> FindUnknownFields(JsonObject obj, Type modelType) => Inspect(obj, modelType).UnknownFields;

    /// <summary>
    /// Applies a <c>fieldValidation</c> directive for an object of <paramref name="type"/>: throws 400
    /// for type errors, and for unknown fields under <see cref="FieldValidation.Strict"/>; under
    /// <see cref="FieldValidation.Warn"/> returns the warnings to send (<c>unknown field "spec.foo"</c>).
    /// </summary>
    public static IReadOnlyList<string> Validate(JsonObject obj, ResourceType type, FieldValidation mode)
    {
        var report = Inspect(obj, type.ModelType);
        var version = VersionOf(obj, type);
        if (report.TypeErrors.Count > 0) throw CannotBeHandled(type.Kind, version, report.TypeErrors[0]);
        var warnings = report.UnknownFields.Select(f => $"unknown field \"{f}\"").ToList();
        return mode switch
        {
            FieldValidation.Strict when warnings.Count > 0 =>
                throw CannotBeHandled(type.Kind, version, "strict decoding error: " + string.Join(", ", warnings)),
            FieldValidation.Warn => warnings,
            _ => [],
        };
    }

    /// <summary>The typed model of an object, with KubernetesClient's JSON rules, for controllers that want typed access.</summary>
    public static T Decode<T>(JsonObject obj) => k8s.KubernetesJson.Deserialize<T>(obj);

    /// <summary>Turns a typed model back into the JSON form the API stores.</summary>
    public static JsonObject Encode<T>(T model) => JsonNode.Parse(k8s.KubernetesJson.Serialize(model!))!.AsObject();

    private static void Walk(JsonNode? node, Type type, string path, List<string> unknown, List<string> typeErrors)
    {
        if (node is null) return; // null decodes to the zero value of any field
        switch (ModelShape.Of(type))
        {
            case ModelShape.Any:
                return;
            case ModelShape.Scalar scalar:
                if (!Accepts(scalar.Kind, node)) typeErrors.Add(Mismatch(node, path, scalar.TypeName));
                return;
            case ModelShape.List list:
                if (node is not JsonArray array)
                {
                    typeErrors.Add(Mismatch(node, path, list.TypeName));
                    return;
                }
                for (var i = 0; i < array.Count; i++) Walk(array[i], list.Item, $"{path}[{i}]", unknown, typeErrors);
                return;
            case ModelShape.Map map:
                if (node is not JsonObject entries)
                {
                    typeErrors.Add(Mismatch(node, path, map.TypeName));
                    return;
                }
                foreach (var (key, value) in entries) Walk(value, map.Value, Child(path, key), unknown, typeErrors);
                return;
            case ModelShape.Object model:
                if (node is not JsonObject fields)
                {
                    typeErrors.Add(Mismatch(node, path, model.TypeName));
                    return;
                }
                foreach (var (key, value) in fields)
                {
                    if (model.Properties.TryGetValue(key, out var fieldType)) Walk(value, fieldType, Child(path, key), unknown, typeErrors);
                    else unknown.Add(Child(path, key));
                }
                return;
        }
    }

    private static bool Accepts(ModelShape.ScalarKind kind, JsonNode node)
    {
        if (node is not JsonValue value) return false;
        var json = value.GetValueKind();
        return kind switch
        {
            ModelShape.ScalarKind.String => json == JsonValueKind.String,
            ModelShape.ScalarKind.Boolean => json is JsonValueKind.True or JsonValueKind.False,
            ModelShape.ScalarKind.Int32 => IsInteger(value, int.MinValue, int.MaxValue),
            ModelShape.ScalarKind.Int64 => IsInteger(value, long.MinValue, long.MaxValue),
            ModelShape.ScalarKind.Double => json == JsonValueKind.Number,
            ModelShape.ScalarKind.DateTime => json == JsonValueKind.String &&
                DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
            ModelShape.ScalarKind.Bytes => json == JsonValueKind.String && IsBase64(value.GetValue<string>()),
            ModelShape.ScalarKind.IntOrString => json == JsonValueKind.String || IsInteger(value, int.MinValue, int.MaxValue),
            ModelShape.ScalarKind.Quantity => json is JsonValueKind.String or JsonValueKind.Number,
            _ => true,
        };
    }

    private static bool IsInteger(JsonValue value, decimal min, decimal max)
    {
        if (value.GetValueKind() != JsonValueKind.Number) return false;
        return decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) &&
               number == decimal.Truncate(number) && number >= min && number <= max;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Mismatch(JsonNode node, string path, string typeName)
    {
        var what = node switch
        {
            JsonObject => "object",
            JsonArray => "array",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number " + v.ToJsonString(),
                _ => "bool",
            },
            _ => "value",
        };
        return path.Length == 0
            ? $"json: cannot unmarshal {what} into a value of type {typeName}"
            : $"json: cannot unmarshal {what} into field {path} of type {typeName}";
    }

    private static string VersionOf(JsonObject obj, ResourceType type)
    {
        var apiVersion = obj.GetString("apiVersion");
        return string.IsNullOrEmpty(apiVersion) ? type.Version : apiVersion[(apiVersion.LastIndexOf('/') + 1)..];
    }

    /// <summary>Kubernetes' wording: <c>Pod in version "v1" cannot be handled as a Pod: ...</c>.</summary>
    private static ApiException CannotBeHandled(string kind, string version, string detail) =>
        ApiException.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: {detail}");

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
