using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.OpenApi;

/// <summary>
/// Schemas for apimachinery types that KubernetesClient maps to plain .NET types (Time → DateTime) or
/// to hand-written wrappers (Quantity, IntOrString). Their shapes and texts follow Kubernetes' own
/// documents so that <c>kubectl explain</c> prints <c>&lt;Quantity&gt;</c> and <c>&lt;IntOrString&gt;</c>
/// as it does against a real cluster.
/// </summary>
internal static class WellKnownSchemas
{
    public const string Time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    /// <summary>The well-known schema a .NET property type stands for, if any.</summary>
    public static string? NameFor(Type type) =>
        type == typeof(DateTime) || type == typeof(DateTimeOffset) ? Time
        : type == typeof(ResourceQuantity) ? Quantity
        : type == typeof(IntOrString) ? IntOrString
        : null;

    public static JsonObject Build(string name) => name switch
    {
        Time => new JsonObject
        {
            ["description"] = "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON. Wrappers are provided for many of the factory methods that the time package offers.",
            ["type"] = "string",
            ["format"] = "date-time",
        },
        // Kubernetes serves Quantity and IntOrString as oneOf without a type, which is why explain
        // shows their names rather than "string".
        Quantity => new JsonObject
        {
            ["description"] = "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors. The serialization format is: <quantity> ::= <signedNumber><suffix> where suffixes are binary (Ki | Mi | Gi | Ti | Pi | Ei), decimal (m | \"\" | k | M | G | T | P | E) or decimal exponents (e | E).",
            ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }),
        },
        IntOrString => new JsonObject
        {
            ["description"] = "IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type. This allows you to have, for example, a JSON field that can accept a name or number.",
            ["format"] = "int-or-string",
            ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
            ["x-kubernetes-int-or-string"] = true,
        },
        Patch => new JsonObject
        {
            ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
            ["type"] = "object",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a well-known schema"),
    };
}
