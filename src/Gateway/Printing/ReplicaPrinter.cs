using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// ReplicationControllers and ReplicaSets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES
/// SELECTOR. They differ only in the selector: a plain label map for RCs, a LabelSelector for RSs.
/// </summary>
internal sealed class ReplicaPrinter : ResourcePrinter
{
    private readonly bool _mapSelector;
    private readonly TableColumn[] _columns;

    private ReplicaPrinter(bool mapSelector, string replicasDoc, string currentDoc, string readyDoc, string selectorDoc)
    {
        _mapSelector = mapSelector;
        _columns =
        [
            StandardColumns.Name(),
            StandardColumns.Integer("Desired", replicasDoc),
            StandardColumns.Integer("Current", currentDoc),
            StandardColumns.Integer("Ready", readyDoc),
            StandardColumns.Age(),
            StandardColumns.Containers(),
            StandardColumns.Images(),
            StandardColumns.String("Selector", selectorDoc, 1),
        ];
    }

    public static ReplicaPrinter ReplicationControllers { get; } = new(true,
        StandardColumns.Doc<V1ReplicationControllerSpec>("replicas"), StandardColumns.Doc<V1ReplicationControllerStatus>("replicas"),
        StandardColumns.Doc<V1ReplicationControllerStatus>("readyReplicas"), StandardColumns.Doc<V1ReplicationControllerSpec>("selector"));

    public static ReplicaPrinter ReplicaSets { get; } = new(false,
        StandardColumns.Doc<V1ReplicaSetSpec>("replicas"), StandardColumns.Doc<V1ReplicaSetStatus>("replicas"),
        StandardColumns.Doc<V1ReplicaSetStatus>("readyReplicas"), StandardColumns.Doc<V1ReplicaSetSpec>("selector"));

    public override IReadOnlyList<TableColumn> Columns => _columns;

    public override IEnumerable<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var (names, images) = ContainerCells(spec.At("template", "spec"));
        yield return Name(obj);
        yield return spec.Num("replicas") ?? 1; // Kubernetes defaults a missing replicas to 1
        yield return obj.Num("status", "replicas") ?? 0;
        yield return obj.Num("status", "readyReplicas") ?? 0;
        yield return Age(obj, now);
        yield return names;
        yield return images;
        yield return _mapSelector
            ? LabelFormatting.FormatLabels(spec.At("selector"))
            : LabelFormatting.FormatLabelSelector(spec.At("selector"));
    }
}
