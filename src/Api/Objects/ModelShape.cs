using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace ActorOrchestrator.Api.Objects;

/// <summary>
/// What JSON a KubernetesClient model type accepts, read once per type from its
/// <see cref="JsonPropertyNameAttribute"/>s and property types and cached, so checking an object is a
/// walk over its JSON rather than a deserialization that throws.
/// </summary>
internal abstract record ModelShape(string TypeName)
{
    private static readonly ConcurrentDictionary<Type, ModelShape> Cache = new();

    /// <summary>Accepts any JSON (free-form fields, custom converters).</summary>
    public sealed record Any(string TypeName) : ModelShape(TypeName);

    public sealed record Scalar(ScalarKind Kind, string TypeName) : ModelShape(TypeName);

    public sealed record List(Type Item, string TypeName) : ModelShape(TypeName);

    public sealed record Map(Type Value, string TypeName) : ModelShape(TypeName);

    /// <summary>A model class: its JSON property names and their types.</summary>
    public sealed record Object(IReadOnlyDictionary<string, Type> Properties, string TypeName) : ModelShape(TypeName);

    public enum ScalarKind { String, Boolean, Int32, Int64, Double, DateTime, Bytes, IntOrString, Quantity }

    public static ModelShape Of(Type type) => Cache.GetOrAdd(type, Build);

    private static ModelShape Build(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return new Scalar(ScalarKind.String, "string");
        if (type == typeof(bool)) return new Scalar(ScalarKind.Boolean, "bool");
        if (type == typeof(int) || type == typeof(short) || type == typeof(byte)) return new Scalar(ScalarKind.Int32, "int32");
        if (type == typeof(long)) return new Scalar(ScalarKind.Int64, "int64");
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return new Scalar(ScalarKind.Double, "float64");
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return new Scalar(ScalarKind.DateTime, "Time");
        if (type == typeof(byte[])) return new Scalar(ScalarKind.Bytes, "[]byte");
        if (type == typeof(IntOrString)) return new Scalar(ScalarKind.IntOrString, "IntOrString");
        if (type == typeof(ResourceQuantity)) return new Scalar(ScalarKind.Quantity, "Quantity");
        if (type == typeof(object) || type.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true) return new Any("any");

        if (GenericArgument(type, typeof(IDictionary<,>), 1) is { } value) return new Map(value, $"map[string]{Of(value).TypeName}");
        if (GenericArgument(type, typeof(IEnumerable<>), 0) is { } item) return new List(item, $"[]{Of(item).TypeName}");

        // A type with its own converter (other than the two above) decides its JSON itself.
        if (type.GetCustomAttribute<JsonConverterAttribute>() is not null) return new Any(type.Name);

        var properties = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy(property.Name);
            properties[name] = property.PropertyType;
        }
        return new Object(properties, type.Name);
    }

    private static string JsonNamingPolicy(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The type argument of the generic interface <paramref name="definition"/> the type implements, if any.</summary>
    private static Type? GenericArgument(Type type, Type definition, int index)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition) return type.GetGenericArguments()[index];
        var match = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
        return match?.GetGenericArguments()[index];
    }
}
