using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using k8s.Models;

namespace ActorOrchestrator.Gateway.OpenApi;

/// <summary>
/// The doc comments KubernetesClient ships as <c>KubernetesClient.xml</c> beside its assembly. They are
/// the Kubernetes API field descriptions, so OpenAPI schemas (read by <c>kubectl explain</c>) and table
/// column descriptions say exactly what Kubernetes says. When the file is missing every description
/// is empty: documents stay valid, only less helpful.
/// </summary>
public static partial class ModelDocumentation
{
    private const string ModelPrefix = "k8s.Models.";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Summaries = new(Load);

    /// <summary>Where the documentation is read from: next to the KubernetesClient assembly.</summary>
    public static string DocumentationPath => Path.ChangeExtension(typeof(V1Pod).Assembly.Location, ".xml");

    /// <summary>Whether the documentation file was found and read.</summary>
    public static bool IsAvailable => Summaries.Value.Count > 0;

    /// <summary>The description of a model type, e.g. "PodSpec is a description of a pod."</summary>
    public static string? OfType(Type type) => Summaries.Value.GetValueOrDefault("T:" + type.FullName);

    /// <summary>The description of one model property.</summary>
    public static string? OfProperty(PropertyInfo property) =>
        Summaries.Value.GetValueOrDefault($"P:{property.DeclaringType?.FullName}.{property.Name}");

    /// <summary>The description of the field a model serializes as <paramref name="jsonName"/>; empty if unknown.</summary>
    public static string OfField(Type type, string jsonName)
    {
        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == jsonName);
        return property is null ? "" : OfProperty(property) ?? "";
    }

    private static Dictionary<string, string> Load()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = DocumentationPath;
        if (!File.Exists(path)) return result;

        // The file is ~25 MB; stream it and keep only the model members.
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        while (reader.ReadToFollowing("member"))
        {
            var name = reader.GetAttribute("name");
            if (name is null || name.Length < 2 || !name.AsSpan(2).StartsWith(ModelPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (name[0] != 'T' && name[0] != 'P') continue;
            var member = (XElement)XNode.ReadFrom(reader);
            var summary = member.Element("summary")?.Value;
            if (string.IsNullOrWhiteSpace(summary)) continue;
            result[name] = Whitespace().Replace(summary, " ").Trim();
        }
        return result;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
