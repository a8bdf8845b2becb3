using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Jobs: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. STATUS is the first of
/// Complete, Failed, Terminating, Suspended, FailureTarget, otherwise Running.
/// </summary>
internal sealed class JobPrinter : ResourcePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.String("Status", "Status of the job."),
        StandardColumns.String("Completions", StandardColumns.Doc<V1JobStatus>("succeeded")),
        StandardColumns.String("Duration", "Time required to complete the job."),
        StandardColumns.Age(),
        StandardColumns.Containers(),
        StandardColumns.Images(),
        StandardColumns.String("Selector", StandardColumns.Doc<V1JobSpec>("selector"), 1),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject job, DateTimeOffset now)
    {
        var spec = job["spec"];
        var status = job["status"];
        var (names, images) = ContainerCells(spec.At("template", "spec"));
        yield return Name(job);
        yield return Status(job);
        yield return Completions(spec, status);
        yield return Duration(status, now);
        yield return Age(job, now);
        yield return names;
        yield return images;
        yield return LabelFormatting.FormatLabelSelector(spec.At("selector"));
    }

    private static string Status(JsonObject job)
    {
        var conditions = job.Objects("status", "conditions");
        // Kubernetes looks at the first condition of each type only.
        bool Has(string type) => conditions.FirstOrDefault(c => c.Text("type") == type)?.Text("status") == "True";
        if (Has("Complete")) return "Complete";
        if (Has("Failed")) return "Failed";
        if (job.At("metadata", "deletionTimestamp") is not null) return "Terminating";
        if (Has("Suspended")) return "Suspended";
        if (Has("FailureTarget")) return "FailureTarget";
        return "Running";
    }

    private static string Completions(JsonNode? spec, JsonNode? status)
    {
        var succeeded = status.Num("succeeded") ?? 0;
        var completions = spec.Num("completions");
        var parallelism = spec.Num("parallelism");
        // Kubernetes defaults both to 1 when neither is set; stored objects may predate that defaulting.
        if (completions is null && parallelism is null) completions = 1;
        if (completions is { } c) return $"{succeeded}/{c}";
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static string Duration(JsonNode? status, DateTimeOffset now)
    {
        if (status.Time("startTime") is not { } start) return "";
        return status.Time("completionTime") is { } end ? HumanDuration.Format(end - start) : HumanDuration.Format(now - start);
    }
}
