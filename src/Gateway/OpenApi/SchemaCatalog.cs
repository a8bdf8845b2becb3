using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.OpenApi;

/// <summary>
/// The <c>components.schemas</c> of one OpenAPI document, built on demand by reflection over the
/// KubernetesClient models: asking for a reference to a type adds its schema and everything it
/// reaches. A document for an older served version (apps/v1beta2) names the group's own types in
/// that version, so <c>io.k8s.api.apps.v1beta2.ReplicaSet</c> carries the v1beta2 kind.
/// </summary>
internal sealed class SchemaCatalog
{
    private const string RefPrefix = "#/components/schemas/";

    private readonly string _package;
    private readonly string _storageVersion;
    private readonly string _documentVersion;
    private readonly SortedDictionary<string, JsonObject?> _schemas = new(StringComparer.Ordinal);

    /// <param name="group">The document's API group.</param>
    /// <param name="documentVersion">The document's version.</param>
    /// <param name="storageVersion">The version the models describe (the group's stored version).</param>
    public SchemaCatalog(string group, string documentVersion, string storageVersion)
    {
        _package = ModelNames.PackageOfGroup(group);
        _documentVersion = documentVersion;
        _storageVersion = storageVersion;
    }

    /// <summary>The schema name of a model within this document.</summary>
    public string NameOf(Type model)
    {
        var name = ModelNames.Of(model);
        return (Renamed(name) ? name with { Version = _documentVersion } : name).FullName;
    }

    /// <summary>A <c>$ref</c> to a model's schema, adding the schema when first asked.</summary>
    public JsonObject Ref(Type model) => RefTo(Ensure(model));

    /// <summary>A <c>$ref</c> to a well-known apimachinery schema such as Patch.</summary>
    public JsonObject RefWellKnown(string name)
    {
        if (!_schemas.ContainsKey(name)) _schemas[name] = WellKnownSchemas.Build(name);
        return RefTo(name);
    }

    /// <summary>The finished schemas, sorted by name.</summary>
    public JsonObject ToJson()
    {
        var result = new JsonObject();
        foreach (var (name, schema) in _schemas) result[name] = schema;
        return result;
    }

    private static JsonObject RefTo(string name) => new() { ["$ref"] = RefPrefix + name };

    private bool Renamed(ModelName name) =>
        _documentVersion != _storageVersion && name.Package == _package && name.Version == _storageVersion;

    private string Ensure(Type model)
    {
        var name = NameOf(model);
        if (_schemas.ContainsKey(name)) return name;
        _schemas[name] = null; // a placeholder first: models refer to themselves (and each other) recursively
        _schemas[name] = ObjectSchema(model);
        return name;
    }

    private JsonObject ObjectSchema(Type model)
    {
        var schema = new JsonObject();
        if (ModelDocumentation.OfType(model) is { } description) schema["description"] = description;
        schema["type"] = "object";
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (property, jsonName) in ModelReflection.SerializedProperties(model))
        {
            properties[jsonName] = PropertySchema(property);
            // The client marks required scalars by making them non-nullable; required strings and
            // objects cannot be told apart from optional ones by reflection.
            if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
            {
                required.Add(jsonName);
            }
        }
        schema["properties"] = properties;
        if (required.Count > 0) schema["required"] = required;
        if (GroupVersionKind(model) is { } gvk) schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk);
        return schema;
    }

    private JsonObject? GroupVersionKind(Type model)
    {
        if (model.GetCustomAttribute<KubernetesEntityAttribute>() is not { ApiVersion.Length: > 0, Kind.Length: > 0 } entity) return null;
        var version = Renamed(ModelNames.Of(model)) ? _documentVersion : entity.ApiVersion;
        return new JsonObject { ["group"] = entity.Group ?? "", ["kind"] = entity.Kind, ["version"] = version };
    }

    private JsonObject PropertySchema(PropertyInfo property)
    {
        var schema = ValueSchema(property.PropertyType);
        var description = ModelDocumentation.OfProperty(property);
        if (description is null) return schema;
        if (schema.ContainsKey("$ref"))
        {
            // OpenAPI 3.0 ignores siblings of $ref; Kubernetes wraps the reference in allOf to keep the description.
            return new JsonObject { ["description"] = description, ["allOf"] = new JsonArray(schema) };
        }
        var described = new JsonObject { ["description"] = description };
        foreach (var (key, value) in schema) described[key] = value?.DeepClone();
        return described;
    }

    private JsonObject ValueSchema(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (WellKnownSchemas.NameFor(type) is { } wellKnown) return RefWellKnown(wellKnown);
        if (type == typeof(string)) return new JsonObject { ["type"] = "string" };
        if (type == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (type == typeof(int) || type == typeof(short)) return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        if (type == typeof(long)) return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return new JsonObject { ["type"] = "number", ["format"] = "double" };
        if (type == typeof(byte[])) return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        if (ModelReflection.MapValue(type) is { } value)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ValueSchema(value) };
        }
        if (ModelReflection.ListElement(type) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = ValueSchema(element) };
        }
        if (ModelReflection.IsModel(type)) return Ref(type);
        // object-typed fields hold free-form JSON (RawExtension, FieldsV1).
        return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
    }
}
