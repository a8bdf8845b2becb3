using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. EXTERNAL-IP is
/// <c>&lt;none&gt;</c> without external IPs, <c>&lt;pending&gt;</c> for a LoadBalancer without ingress,
/// otherwise the ingress IPs or hostnames; PORT(S) reads <c>80/TCP</c> or <c>8080:32111/TCP</c>.
/// </summary>
internal sealed class ServicePrinter : ResourcePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.String("Type", StandardColumns.Doc<V1ServiceSpec>("type")),
        StandardColumns.String("Cluster-IP", StandardColumns.Doc<V1ServiceSpec>("clusterIP")),
        StandardColumns.String("External-IP", StandardColumns.Doc<V1ServiceSpec>("externalIPs")),
        StandardColumns.String("Port(s)", StandardColumns.Doc<V1ServiceSpec>("ports")),
        StandardColumns.Age(),
        StandardColumns.String("Selector", StandardColumns.Doc<V1ServiceSpec>("selector"), 1),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject service, DateTimeOffset now)
    {
        var spec = service["spec"];
        // kube-apiserver defaults the type to ClusterIP on create; print stored objects the same way.
        var type = spec.Str("type") is { Length: > 0 } t ? t : "ClusterIP";
        var ports = string.Join(",", spec.Objects("ports").Select(Port));

        yield return Name(service);
        yield return type;
        yield return ClusterIp(spec);
        yield return ExternalIp(type, service);
        yield return ports.Length == 0 ? "<none>" : ports;
        yield return Age(service, now);
        yield return LabelFormatting.FormatLabels(spec.At("selector"));
    }

    /// <summary>The first of <c>spec.clusterIPs</c>, else <c>spec.clusterIP</c> (kube-apiserver keeps both in step).</summary>
    private static string ClusterIp(JsonNode? spec) =>
        spec.Strings("clusterIPs") is [{ Length: > 0 } ip, ..] ? ip
        : spec.Str("clusterIP") is { Length: > 0 } single ? single
        : "<none>";

    private static string ExternalIp(string type, JsonObject service)
    {
        var externalIps = service.Strings("spec", "externalIPs");
        switch (type)
        {
            case "ClusterIP":
            case "NodePort":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : "<none>";
            case "LoadBalancer":
                var ingress = service.Objects("status", "loadBalancer", "ingress")
                    .Select(i => i.Str("ip") is { Length: > 0 } ip ? ip : i.Text("hostname"))
                    .Where(a => a.Length > 0)
                    .Distinct()
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (externalIps.Count > 0) return string.Join(",", ingress.Concat(externalIps));
                return ingress.Count > 0 ? string.Join(",", ingress) : "<pending>";
            case "ExternalName":
                return service.Text("spec", "externalName");
            default:
                return "<unknown>";
        }
    }

    private static string Port(JsonObject port)
    {
        var protocol = port.Str("protocol") is { Length: > 0 } p ? p : "TCP";
        var number = port.Num("port") ?? 0;
        return port.Num("nodePort") is > 0 and var nodePort ? $"{number}:{nodePort}/{protocol}" : $"{number}/{protocol}";
    }
}
