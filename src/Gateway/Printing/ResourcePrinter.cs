using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// The table layout Kubernetes defines for one resource (pkg/printers/internalversion/printers.go)
/// and how one object fills a row. Like kube-apiserver, every row carries the wide columns too;
/// kubectl hides them unless asked for <c>-o wide</c>.
/// </summary>
internal abstract class ResourcePrinter
{
    public abstract IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The row's cells, one per column, strings and integers as Kubernetes sends them.</summary>
    public abstract IEnumerable<JsonNode?> Cells(JsonObject obj, DateTimeOffset now);

    /// <summary>Row conditions, e.g. a Completed condition for finished pods; null for none.</summary>
    public virtual JsonArray? Conditions(JsonObject obj) => null;

    /// <summary>The name and age cells almost every printer starts and ends with.</summary>
    protected static string Name(JsonObject obj) => obj.Text("metadata", "name");

    protected static string Age(JsonObject obj, DateTimeOffset now) =>
        HumanDuration.Since(obj.Time("metadata", "creationTimestamp"), now);

    /// <summary>Container names and images of a pod spec, each comma-joined (Kubernetes' layoutContainerCells).</summary>
    protected static (string Names, string Images) ContainerCells(JsonNode? podSpec)
    {
        var containers = podSpec.Objects("containers");
        return (string.Join(",", containers.Select(c => c.Text("name"))), string.Join(",", containers.Select(c => c.Text("image"))));
    }
}
