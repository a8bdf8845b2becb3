using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace ActorOrchestrator.Gateway.OpenApi;

/// <summary>
/// What the OpenAPI generator needs to know about KubernetesClient model classes: which properties are
/// serialized, under which JSON names, and which other model classes they lead to.
/// </summary>
internal static class ModelReflection
{
    /// <summary>A generated model class (not a scalar wrapper such as Quantity or IntOrString).</summary>
    public static bool IsModel(Type type) =>
        type.Namespace == "k8s.Models" && type.IsClass && type != typeof(IntOrString) && type != typeof(ResourceQuantity);

    /// <summary>The properties that reach the wire, in declaration order, with their JSON names.</summary>
    public static IEnumerable<(PropertyInfo Property, string JsonName)> SerializedProperties(Type model)
    {
        foreach (var property in model.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            // Helper properties such as V1Status.HasObject carry no JSON name and never serialize by name.
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name) continue;
            yield return (property, name.Name);
        }
    }

    /// <summary>The element type of a list, or null when <paramref name="type"/> is no list.</summary>
    public static Type? ListElement(Type type)
    {
        if (type == typeof(string) || type == typeof(byte[])) return null;
        if (type.IsArray) return type.GetElementType();
        return type.IsGenericType && type.GetGenericArguments().Length == 1 &&
               typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The value type of a string-keyed map, or null when <paramref name="type"/> is no map.</summary>
    public static Type? MapValue(Type type)
    {
        if (!type.IsGenericType || type.GetGenericArguments().Length != 2) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)
            ? type.GetGenericArguments()[1]
            : null;
    }

    /// <summary>The model classes a model's properties refer to, through lists, maps and nullables.</summary>
    public static IEnumerable<Type> ReferencedModels(Type model) =>
        SerializedProperties(model).SelectMany(p => ModelsWithin(p.Property.PropertyType)).Distinct();

    private static IEnumerable<Type> ModelsWithin(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ListElement(type) is { } element) return ModelsWithin(element);
        if (MapValue(type) is { } value) return ModelsWithin(value);
        return IsModel(type) ? [type] : [];
    }
}
