using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// CronJobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR.
/// </summary>
internal sealed class CronJobPrinter : ResourcePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.String("Schedule", StandardColumns.Doc<V1CronJobSpec>("schedule")),
        StandardColumns.String("Timezone", StandardColumns.Doc<V1CronJobSpec>("timeZone")),
        StandardColumns.Boolean("Suspend", StandardColumns.Doc<V1CronJobSpec>("suspend")),
        StandardColumns.Integer("Active", StandardColumns.Doc<V1CronJobStatus>("active")),
        StandardColumns.String("Last Schedule", StandardColumns.Doc<V1CronJobStatus>("lastScheduleTime")),
        StandardColumns.Age(),
        StandardColumns.Containers(),
        StandardColumns.Images(),
        StandardColumns.String("Selector", StandardColumns.Doc<V1JobSpec>("selector"), 1),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject cronJob, DateTimeOffset now)
    {
        var spec = cronJob["spec"];
        var jobSpec = spec.At("jobTemplate", "spec");
        var (names, images) = ContainerCells(jobSpec.At("template", "spec"));
        var lastSchedule = cronJob.Time("status", "lastScheduleTime");
        yield return Name(cronJob);
        yield return spec.Text("schedule");
        yield return spec.Str("timeZone") ?? "<none>";
        // Kubernetes prints the pointer as True/False; it defaults a missing suspend to false.
        yield return spec.Flag("suspend") == true ? "True" : "False";
        yield return (long)cronJob.Count("status", "active");
        yield return lastSchedule is null ? "<none>" : HumanDuration.Since(lastSchedule, now);
        yield return Age(cronJob, now);
        yield return names;
        yield return images;
        yield return LabelFormatting.FormatLabelSelector(jobSpec.At("selector"));
    }
}
