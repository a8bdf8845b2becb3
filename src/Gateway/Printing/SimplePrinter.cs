using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Resources whose rows are a name, one to three plain fields and an age: namespaces, configmaps,
/// secrets, serviceaccounts, leases, and the NAME AGE default for anything without its own layout.
/// </summary>
internal sealed class SimplePrinter : ResourcePrinter
{
    private readonly TableColumn[] _columns;
    private readonly Func<JsonObject, IEnumerable<JsonNode?>> _middle;

    private SimplePrinter(TableColumn[] middleColumns, Func<JsonObject, IEnumerable<JsonNode?>> middle)
    {
        _columns = [StandardColumns.Name(), .. middleColumns, StandardColumns.Age()];
        _middle = middle;
    }

    public static SimplePrinter Default { get; } = new([], _ => []);

    public static SimplePrinter Namespaces { get; } = new(
        [StandardColumns.String("Status", "The status of the namespace")],
        ns => [ns.Text("status", "phase")]);

    public static SimplePrinter ConfigMaps { get; } = new(
        [StandardColumns.String("Data", StandardColumns.Doc<V1ConfigMap>("data"))],
        cm => [(long)(cm.Count("data") + cm.Count("binaryData"))]);

    public static SimplePrinter Secrets { get; } = new(
        [StandardColumns.String("Type", StandardColumns.Doc<V1Secret>("type")), StandardColumns.String("Data", StandardColumns.Doc<V1Secret>("data"))],
        secret => [secret.Text("type"), (long)secret.Count("data")]);

    public static SimplePrinter ServiceAccounts { get; } = new(
        [StandardColumns.String("Secrets", StandardColumns.Doc<V1ServiceAccount>("secrets"))],
        sa => [(long)sa.Count("secrets")]);

    public static SimplePrinter Leases { get; } = new(
        [StandardColumns.String("Holder", StandardColumns.Doc<V1LeaseSpec>("holderIdentity"))],
        lease => [lease.Text("spec", "holderIdentity")]);

    public override IReadOnlyList<TableColumn> Columns => _columns;

    public override IEnumerable<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [Name(obj), .. _middle(obj), Age(obj, now)];
}
