using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Gateway.Printing;

namespace ActorOrchestrator.UnitTests.Gateway;

/// <summary>Builds tables from JSON text and reads back their cells as plain values.</summary>
internal static class TableAssertions
{
    public static readonly DateTimeOffset Now = new(2025, 1, 1, 10, 5, 0, TimeSpan.Zero);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>The cells of the single row printed for <paramref name="json"/>, as strings and longs.</summary>
    public static object?[] Cells(ResourceType type, string json)
    {
        var table = TablePrinter.ToTable(type, [Parse(json)], "1", TableIncludeObject.Metadata, Now);
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        return cells.Select(c => c is JsonValue v && v.TryGetValue<long>(out var l) ? (object)l : c?.GetValue<string>()).ToArray();
    }

    public static string[] ColumnNames(ResourceType type, bool wide = true) =>
        TablePrinter.Columns(type).Where(c => wide || c.Priority == 0).Select(c => c.Name).ToArray();
}
