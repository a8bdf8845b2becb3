using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Server-side printing: the <c>meta.k8s.io/v1</c> Table kubectl asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c> on get, list and watch. kubectl prints
/// the cells as they come, so columns and cell texts follow Kubernetes' printers.
/// </summary>
public static class TablePrinter
{
    /// <summary>The media type parameters that mark a Table request and response.</summary>
    public const string ContentType = "application/json;as=Table;v=v1;g=meta.k8s.io";

    /// <summary>The column definitions of a resource's table, wide (priority 1) columns included.</summary>
    public static IReadOnlyList<TableColumn> Columns(ResourceType type) => Printers.For(type).Columns;

    /// <summary>
    /// A Table of <paramref name="objects"/> (one object for a GET, the items for a LIST).
    /// <paramref name="resourceVersion"/> becomes <c>metadata.resourceVersion</c>; <paramref name="now"/>
    /// is the instant ages are measured from.
    /// </summary>
    public static JsonObject ToTable(ResourceType type, IReadOnlyList<JsonObject> objects, string resourceVersion,
        TableIncludeObject includeObject, DateTimeOffset now, string? continueToken = null)
    {
        var printer = Printers.For(type);
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (!string.IsNullOrEmpty(continueToken)) metadata["continue"] = continueToken;
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray([.. printer.Columns.Select(c => c.ToJson())]),
            ["rows"] = new JsonArray([.. objects.Select(o => Row(printer, type, o, includeObject, now))]),
        };
    }

    /// <summary>
    /// One event of a Table watch: <c>{"type": ..., "object": &lt;one-row Table&gt;}</c>. Like
    /// kube-apiserver, send the column definitions with the first event of a stream only
    /// (<paramref name="includeColumnDefinitions"/>); kubectl reuses the last columns it saw for
    /// tables that carry none. ERROR events carry a Status, not a Table: build those elsewhere.
    /// </summary>
    public static JsonObject WatchEvent(string eventType, ResourceType type, JsonObject obj, bool includeColumnDefinitions,
        TableIncludeObject includeObject, DateTimeOffset now)
    {
        var table = ToTable(type, [obj], obj.ResourceVersion() ?? "", includeObject, now);
        if (!includeColumnDefinitions) table["columnDefinitions"] = new JsonArray();
        return new JsonObject { ["type"] = eventType, ["object"] = table };
    }

    private static JsonObject Row(ResourcePrinter printer, ResourceType type, JsonObject obj, TableIncludeObject includeObject, DateTimeOffset now)
    {
        var row = new JsonObject { ["cells"] = new JsonArray([.. printer.Cells(obj, now)]) };
        if (printer.Conditions(obj) is { } conditions) row["conditions"] = conditions;
        switch (includeObject)
        {
            case TableIncludeObject.Object:
                row["object"] = WithTypeMeta(obj, type);
                break;
            case TableIncludeObject.Metadata:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
                };
                break;
        }
        return row;
    }

    /// <summary>
    /// kubectl decodes each row's object as unstructured JSON, which fails without kind and apiVersion;
    /// stored objects normally have them, but make sure.
    /// </summary>
    private static JsonObject WithTypeMeta(JsonObject obj, ResourceType type)
    {
        var copy = obj.Clone();
        if (copy.GetString("kind") is null) copy["kind"] = type.Kind;
        if (copy.GetString("apiVersion") is null) copy["apiVersion"] = type.ApiVersion;
        return copy;
    }
}
