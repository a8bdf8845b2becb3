using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS
/// IMAGES SELECTOR.
/// </summary>
internal sealed class DaemonSetPrinter : ResourcePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.Integer("Desired", StandardColumns.Doc<V1DaemonSetStatus>("desiredNumberScheduled")),
        StandardColumns.Integer("Current", StandardColumns.Doc<V1DaemonSetStatus>("currentNumberScheduled")),
        StandardColumns.Integer("Ready", StandardColumns.Doc<V1DaemonSetStatus>("numberReady")),
        StandardColumns.Integer("Up-to-date", StandardColumns.Doc<V1DaemonSetStatus>("updatedNumberScheduled")),
        StandardColumns.Integer("Available", StandardColumns.Doc<V1DaemonSetStatus>("numberAvailable")),
        StandardColumns.String("Node Selector", StandardColumns.Doc<V1PodSpec>("nodeSelector")),
        StandardColumns.Age(),
        StandardColumns.Containers(),
        StandardColumns.Images(),
        StandardColumns.String("Selector", StandardColumns.Doc<V1DaemonSetSpec>("selector"), 1),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject daemonSet, DateTimeOffset now)
    {
        var spec = daemonSet["spec"];
        var status = daemonSet["status"];
        var podSpec = spec.At("template", "spec");
        var (names, images) = ContainerCells(podSpec);
        yield return Name(daemonSet);
        yield return status.Num("desiredNumberScheduled") ?? 0;
        yield return status.Num("currentNumberScheduled") ?? 0;
        yield return status.Num("numberReady") ?? 0;
        yield return status.Num("updatedNumberScheduled") ?? 0;
        yield return status.Num("numberAvailable") ?? 0;
        yield return LabelFormatting.FormatLabels(podSpec.At("nodeSelector"));
        yield return Age(daemonSet, now);
        yield return names;
        yield return images;
        yield return LabelFormatting.FormatLabelSelector(spec.At("selector"));
    }
}
