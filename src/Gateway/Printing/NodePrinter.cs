using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
/// CONTAINER-RUNTIME. STATUS is <c>Ready</c>/<c>NotReady</c> from the Ready condition (<c>Unknown</c>
/// without one), plus <c>,SchedulingDisabled</c> for a cordoned node.
/// </summary>
internal sealed class NodePrinter : ResourcePrinter
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string LegacyRoleLabel = "kubernetes.io/role";

    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.String("Status", "The status of the node"),
        StandardColumns.String("Roles", "The roles of the node"),
        StandardColumns.Age(),
        StandardColumns.String("Version", StandardColumns.Doc<V1NodeSystemInfo>("kubeletVersion")),
        StandardColumns.String("Internal-IP", StandardColumns.Doc<V1NodeStatus>("addresses"), 1),
        StandardColumns.String("External-IP", StandardColumns.Doc<V1NodeStatus>("addresses"), 1),
        StandardColumns.String("OS-Image", StandardColumns.Doc<V1NodeSystemInfo>("osImage"), 1),
        StandardColumns.String("Kernel-Version", StandardColumns.Doc<V1NodeSystemInfo>("kernelVersion"), 1),
        StandardColumns.String("Container-Runtime", StandardColumns.Doc<V1NodeSystemInfo>("containerRuntimeVersion"), 1),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject node, DateTimeOffset now)
    {
        var status = node["status"];
        var info = status.At("nodeInfo");
        yield return Name(node);
        yield return Status(node);
        yield return Roles(node);
        yield return Age(node, now);
        yield return info.Text("kubeletVersion");
        yield return Address(status, "InternalIP");
        yield return Address(status, "ExternalIP");
        yield return OrUnknown(info.Text("osImage"));
        yield return OrUnknown(info.Text("kernelVersion"));
        yield return OrUnknown(info.Text("containerRuntimeVersion"));
    }

    private static string Status(JsonObject node)
    {
        var ready = node.Objects("status", "conditions").LastOrDefault(c => c.Text("type") == "Ready");
        var status = ready is null ? "Unknown" : ready.Text("status") == "True" ? "Ready" : "NotReady";
        return node.Flag("spec", "unschedulable") == true ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>Roles from <c>node-role.kubernetes.io/&lt;role&gt;</c> labels and the older <c>kubernetes.io/role=&lt;role&gt;</c>.</summary>
    private static string Roles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (node.At("metadata", "labels") is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && key.Length > RoleLabelPrefix.Length)
                {
                    roles.Add(key[RoleLabelPrefix.Length..]);
                }
                else if (key == LegacyRoleLabel && value is JsonValue v && v.TryGetValue<string>(out var role) && role.Length > 0)
                {
                    roles.Add(role);
                }
            }
        }
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(JsonNode? status, string type) =>
        status.Objects("addresses").FirstOrDefault(a => a.Text("type") == type)?.Text("address") ?? "<none>";

    private static string OrUnknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
