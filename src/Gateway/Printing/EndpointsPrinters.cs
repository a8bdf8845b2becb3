using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Endpoints (NAME ENDPOINTS AGE) and EndpointSlices (NAME ADDRESSTYPE PORTS ENDPOINTS AGE). Address
/// lists show at most three entries and then <c>+ N more...</c>.
/// </summary>
internal sealed class EndpointsPrinter : ResourcePrinter
{
    private const int MaxShown = 3;

    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.String("Endpoints", StandardColumns.Doc<V1Endpoints>("subsets")),
        StandardColumns.Age(),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject endpoints, DateTimeOffset now)
    {
        yield return Name(endpoints);
        yield return Format(endpoints.Objects("subsets"));
        yield return Age(endpoints, now);
    }

    /// <summary>Kubernetes' formatEndpoints: <c>ip:port</c> per address and port, bare IPs for headless subsets.</summary>
    private static string Format(IReadOnlyList<JsonObject> subsets)
    {
        if (subsets.Count == 0) return "<none>";
        var list = new List<string>();
        var count = 0;
        var more = false;
        foreach (var subset in subsets)
        {
            var addresses = subset.Objects("addresses").Select(a => a.Text("ip")).ToList();
            var ports = subset.Objects("ports");
            if (ports.Count == 0)
            {
                count += addresses.Count;
                foreach (var ip in addresses)
                {
                    if (list.Count == MaxShown) { more = true; break; }
                    list.Add(ip);
                }
                continue;
            }
            foreach (var port in ports)
            {
                count += addresses.Count;
                foreach (var ip in addresses)
                {
                    if (list.Count == MaxShown) { more = true; break; }
                    list.Add(JoinHostPort(ip, port.Num("port") ?? 0));
                }
            }
        }
        var text = string.Join(",", list);
        return more ? $"{text} + {count - MaxShown} more..." : text;
    }

    private static string JoinHostPort(string host, long port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
}

internal sealed class EndpointSlicePrinter : ResourcePrinter
{
    private const int MaxShown = 3;

    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.String("AddressType", StandardColumns.Doc<V1EndpointSlice>("addressType")),
        StandardColumns.String("Ports", StandardColumns.Doc<V1EndpointSlice>("ports")),
        StandardColumns.String("Endpoints", StandardColumns.Doc<V1EndpointSlice>("endpoints")),
        StandardColumns.Age(),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject slice, DateTimeOffset now)
    {
        var ports = slice.Objects("ports")
            .Select(p => p.Num("port") is { } number ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : p.Str("name") ?? "*");
        var addresses = slice.Objects("endpoints").SelectMany(e => e.Strings("addresses"));
        yield return Name(slice);
        yield return slice.Text("addressType");
        yield return WithMore(ports.ToList());
        yield return WithMore(addresses.ToList());
        yield return Age(slice, now);
    }

    /// <summary>Kubernetes' listWithMoreString: the first three, then <c>+ N more...</c>; <c>&lt;unset&gt;</c> when empty.</summary>
    private static string WithMore(IReadOnlyList<string> all)
    {
        if (all.Count == 0) return "<unset>";
        var text = string.Join(",", all.Take(MaxShown));
        return all.Count > MaxShown ? $"{text} + {all.Count - MaxShown} more..." : text;
    }
}
