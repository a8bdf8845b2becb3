using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Core events: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME
/// (the wide columns sit between, in Kubernetes' order). Times fall back from lastTimestamp to
/// firstTimestamp to eventTime, and a series reports its own count and last observation.
/// </summary>
internal sealed class EventPrinter : ResourcePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.String("Last Seen", StandardColumns.Doc<Corev1Event>("lastTimestamp")),
        StandardColumns.String("Type", StandardColumns.Doc<Corev1Event>("type")),
        StandardColumns.String("Reason", StandardColumns.Doc<Corev1Event>("reason")),
        StandardColumns.String("Object", StandardColumns.Doc<Corev1Event>("involvedObject")),
        StandardColumns.String("Subobject", StandardColumns.Doc<V1ObjectReference>("fieldPath"), 1),
        StandardColumns.String("Source", StandardColumns.Doc<Corev1Event>("source"), 1),
        StandardColumns.String("Message", StandardColumns.Doc<Corev1Event>("message")),
        StandardColumns.String("First Seen", StandardColumns.Doc<Corev1Event>("firstTimestamp"), 1),
        StandardColumns.String("Count", StandardColumns.Doc<Corev1Event>("count"), 1),
        new("Name", "string", "name", StandardColumns.Doc<V1ObjectMeta>("name"), 1),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject ev, DateTimeOffset now)
    {
        var firstSeen = ev.Time("firstTimestamp") is { } first
            ? HumanDuration.Since(first, now)
            : HumanDuration.Since(ev.Time("eventTime"), now);
        var lastSeen = ev.Time("lastTimestamp") is { } last ? HumanDuration.Since(last, now) : firstSeen;

        var count = ev.Num("count") ?? 0;
        if (ev["series"] is JsonObject series)
        {
            lastSeen = HumanDuration.Since(series.Time("lastObservedTime"), now);
            count = series.Num("count") ?? 0;
        }
        else if (count == 0)
        {
            count = 1; // singleton events of the newer API carry no count
        }

        var involved = ev["involvedObject"];
        var kind = involved.Text("kind").ToLowerInvariant();
        var target = involved.Text("name") is { Length: > 0 } name ? $"{kind}/{name}" : kind;

        yield return lastSeen;
        yield return ev.Text("type");
        yield return ev.Text("reason");
        yield return target;
        yield return involved.Text("fieldPath");
        yield return Source(ev);
        yield return ev.Text("message").Trim();
        yield return firstSeen;
        yield return count;
        yield return Name(ev);
    }

    /// <summary><c>component, host</c>, falling back to the reporting controller and instance.</summary>
    private static string Source(JsonObject ev)
    {
        var component = ev.Str("source", "component") is { Length: > 0 } c ? c : ev.Text("reportingComponent");
        var instance = ev.Str("source", "host") is { Length: > 0 } h ? h : ev.Text("reportingInstance");
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }
}
