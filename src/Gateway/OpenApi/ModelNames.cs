using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using ActorOrchestrator.Api.Resources;
using k8s.Models;

namespace ActorOrchestrator.Gateway.OpenApi;

/// <summary>A Kubernetes OpenAPI definition name split in parts: <c>io.k8s.api.core</c> . <c>v1</c> . <c>PodSpec</c>.</summary>
internal sealed record ModelName(string Package, string Version, string Name)
{
    public string FullName => $"{Package}.{Version}.{Name}";
}

/// <summary>
/// Maps KubernetesClient model classes to the names Kubernetes gives their schemas. Class names keep
/// the version (<c>V1PodSpec</c>) but lose the API group, so the group comes from, in order: the
/// apimachinery table below, the class's <see cref="KubernetesEntityAttribute"/>, a group prefix the
/// client adds on name clashes (<c>Corev1Event</c>, <c>Discoveryv1EndpointPort</c>), and otherwise the
/// first served resource that reaches the class (core resources first, so <c>PodTemplateSpec</c> is
/// core even though Deployments use it too).
/// </summary>
internal static partial class ModelNames
{
    private const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta";

    /// <summary>Classes that are apimachinery's meta/v1 types rather than any API group's.</summary>
    private static readonly HashSet<string> MetaClasses =
    [
        "V1ObjectMeta", "V1ListMeta", "V1LabelSelector", "V1LabelSelectorRequirement", "V1OwnerReference",
        "V1ManagedFieldsEntry", "V1Condition", "V1Status", "V1StatusDetails", "V1StatusCause", "V1DeleteOptions",
        "V1Preconditions", "V1WatchEvent", "V1APIResource", "V1APIResourceList", "V1APIGroup", "V1APIGroupList",
        "V1APIVersions", "V1GroupVersionForDiscovery", "V1ServerAddressByClientCIDR", "V1FieldSelectorRequirement",
        "V1Patch", "V1Table", "V1TableColumnDefinition", "V1TableRow", "V1PartialObjectMetadata", "V1ShardInfo",
    ];

    /// <summary>Groups whose schemas live outside <c>io.k8s.api</c>.</summary>
    private static readonly Dictionary<string, string> SpecialPackages = new()
    {
        ["apiextensions.k8s.io"] = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
        ["apiregistration.k8s.io"] = "io.k8s.kube-aggregator.pkg.apis.apiregistration",
    };

    private static readonly ConcurrentDictionary<Type, ModelName> Cache = new();

    private static readonly Lazy<Dictionary<Type, string>> OwnerPackages = new(ComputeOwnerPackages);

    /// <summary>The Kubernetes name of a model class.</summary>
    public static ModelName Of(Type model) => Cache.GetOrAdd(model, static t =>
    {
        var (version, name, _) = Split(t.Name);
        var package = OwnPackage(t) ?? OwnerPackages.Value.GetValueOrDefault(t) ?? PackageOfGroup("");
        return new ModelName(package, version, name);
    });

    /// <summary>The schema package of an API group: <c>apps</c> → <c>io.k8s.api.apps</c>.</summary>
    public static string PackageOfGroup(string group)
    {
        if (group.Length == 0) return "io.k8s.api.core";
        if (SpecialPackages.TryGetValue(group, out var special)) return special;
        return "io.k8s.api." + group.Split('.')[0];
    }

    /// <summary>The package a class declares by itself, or null when only its users can tell.</summary>
    private static string? OwnPackage(Type model)
    {
        if (MetaClasses.Contains(model.Name)) return MetaPackage;
        if (model.GetCustomAttribute<KubernetesEntityAttribute>() is { ApiVersion.Length: > 0 } entity)
        {
            return PackageOfGroup(entity.Group ?? "");
        }
        var (_, _, prefix) = Split(model.Name);
        return prefix switch
        {
            null => null,
            "core" => PackageOfGroup(""),
            _ => "io.k8s.api." + prefix,
        };
    }

    /// <summary>Splits <c>V1beta2ReplicaSet</c> or <c>Discoveryv1EndpointPort</c> into version, name and group prefix.</summary>
    private static (string Version, string Name, string? GroupPrefix) Split(string className)
    {
        if (Plain().Match(className) is { Success: true } plain)
        {
            return ("v" + plain.Groups["version"].Value, plain.Groups["name"].Value, null);
        }
        if (Prefixed().Match(className) is { Success: true } prefixed)
        {
            return (prefixed.Groups["version"].Value, prefixed.Groups["name"].Value, prefixed.Groups["group"].Value.ToLowerInvariant());
        }
        return ("v1", className, null);
    }

    private static Dictionary<Type, string> ComputeOwnerPackages()
    {
        var owners = new Dictionary<Type, string>();
        // Lists and the meta types of every response come along so that ListMeta's and Status's
        // parts are claimed by apimachinery rather than by the first resource.
        var resources = ResourceRegistry.AllTypes.Select(r => r.ModelType).ToList();
        IEnumerable<Type> roots =
        [
            typeof(V1Status), typeof(V1DeleteOptions), typeof(V1ListMeta),
            .. resources,
            .. resources.Select(r => r.Assembly.GetType(r.FullName + "List")).OfType<Type>(),
            typeof(V1Scale),
        ];
        foreach (var root in roots) Visit(root, PackageOfGroup(""), Split(root.Name).Version, owners);
        return owners;
    }

    private static void Visit(Type model, string inheritedPackage, string inheritedVersion, Dictionary<Type, string> owners)
    {
        if (owners.ContainsKey(model)) return;
        var version = Split(model.Name).Version;
        // An alpha or beta class inside a v1 resource belongs to another group (a v1 Job's
        // scheduling fields use scheduling.k8s.io/v1alpha3 types); the kind it is named after tells which.
        var package = OwnPackage(model)
            ?? (version == inheritedVersion ? null : PackageOfNamesake(model, version))
            ?? inheritedPackage;
        owners[model] = package;
        foreach (var child in ModelReflection.ReferencedModels(model)) Visit(child, package, version, owners);
    }

    /// <summary>The package of the kind whose class name is the longest prefix of this class's name, in the same version.</summary>
    private static string? PackageOfNamesake(Type model, string version)
    {
        var namesake = EntityClasses.Value
            .Where(e => model.Name.StartsWith(e.Name, StringComparison.Ordinal) && Split(e.Name).Version == version)
            .MaxBy(e => e.Name.Length);
        return namesake is null ? null : OwnPackage(namesake);
    }

    private static readonly Lazy<List<Type>> EntityClasses = new(() =>
        typeof(V1Pod).Assembly.GetTypes()
            .Where(t => ModelReflection.IsModel(t) && t.GetCustomAttribute<KubernetesEntityAttribute>() is { ApiVersion.Length: > 0 })
            .ToList());

    [GeneratedRegex(@"^V(?<version>\d+(?:(?:alpha|beta)\d+)?)(?<name>[A-Z]\w*)$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^(?<group>[A-Z][a-z]+)(?<version>v\d+(?:(?:alpha|beta)\d+)?)(?<name>[A-Z]\w*)$")]
    private static partial Regex Prefixed();
}
