using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>Deployments: NAME READY (ready/desired) UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DeploymentPrinter : ResourcePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.String("Ready", "Number of the pod with ready state"),
        StandardColumns.String("Up-to-date", StandardColumns.Doc<V1DeploymentStatus>("updatedReplicas")),
        StandardColumns.String("Available", StandardColumns.Doc<V1DeploymentStatus>("availableReplicas")),
        StandardColumns.Age(),
        StandardColumns.Containers(),
        StandardColumns.Images(),
        StandardColumns.String("Selector", StandardColumns.Doc<V1DeploymentSpec>("selector"), 1),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject deployment, DateTimeOffset now)
    {
        var spec = deployment["spec"];
        var status = deployment["status"];
        var (names, images) = ContainerCells(spec.At("template", "spec"));
        var desired = spec.Num("replicas") ?? 1; // Kubernetes defaults a missing replicas to 1
        yield return Name(deployment);
        yield return $"{status.Num("readyReplicas") ?? 0}/{desired}";
        yield return status.Num("updatedReplicas") ?? 0;
        yield return status.Num("availableReplicas") ?? 0;
        yield return Age(deployment, now);
        yield return names;
        yield return images;
        yield return LabelFormatting.SelectorString(spec.At("selector")) ?? "<invalid>";
    }
}
