using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Gateway.Printing;
using static ActorOrchestrator.UnitTests.Gateway.TableAssertions;

namespace ActorOrchestrator.UnitTests.Gateway;

public class TablePrinterTests
{
    private const string Pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"team-a","resourceVersion":"41","labels":{"app":"web"}},
         "spec":{"containers":[{"name":"web"}]},"status":{"phase":"Pending"}}
        """;

    [Fact]
    public void Table_has_kind_metadata_and_typed_column_definitions()
    {
        var table = TablePrinter.ToTable(ResourceRegistry.Pods, [Parse(Pod)], "57", TableIncludeObject.Metadata, Now, continueToken: "next");
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", table["apiVersion"]!.GetValue<string>());
        Assert.Equal("57", table["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("next", table["metadata"]!["continue"]!.GetValue<string>());

        var name = table["columnDefinitions"]![0]!;
        Assert.Equal("Name", name["name"]!.GetValue<string>());
        Assert.Equal("string", name["type"]!.GetValue<string>());
        Assert.Equal("name", name["format"]!.GetValue<string>());
        Assert.Equal(0, name["priority"]!.GetValue<int>());
        Assert.StartsWith("Name must be unique within a namespace.", name["description"]!.GetValue<string>());
        var ip = table["columnDefinitions"]![5]!;
        Assert.Equal("IP", ip["name"]!.GetValue<string>());
        Assert.Equal(1, ip["priority"]!.GetValue<int>());
    }

    [Fact]
    public void Metadata_rows_embed_partial_object_metadata()
    {
        var table = TablePrinter.ToTable(ResourceRegistry.Pods, [Parse(Pod)], "57", TableIncludeObject.Metadata, Now);
        var obj = table["rows"]![0]!["object"]!;
        Assert.Equal("PartialObjectMetadata", obj["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal("team-a", obj["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("web", obj["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Null(obj["spec"]);
    }

    [Fact]
    public void Object_rows_embed_the_whole_object_with_type_meta()
    {
        var bare = Parse(Pod);
        bare.Remove("kind");
        bare.Remove("apiVersion");
        var table = TablePrinter.ToTable(ResourceRegistry.Pods, [bare], "57", TableIncludeObject.Object, Now);
        var obj = table["rows"]![0]!["object"]!;
        Assert.Equal("Pod", obj["kind"]!.GetValue<string>());
        Assert.Equal("v1", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal("web", obj["spec"]!["containers"]![0]!["name"]!.GetValue<string>());
        Assert.Null(bare["kind"]); // the caller's object is left alone
    }

    [Fact]
    public void None_rows_carry_no_object()
    {
        var table = TablePrinter.ToTable(ResourceRegistry.Pods, [Parse(Pod)], "57", TableIncludeObject.None, Now);
        Assert.False(table["rows"]![0]!.AsObject().ContainsKey("object"));
    }

    [Fact]
    public void Empty_list_has_columns_and_no_rows()
    {
        var table = TablePrinter.ToTable(ResourceRegistry.Deployments, [], "3", TableIncludeObject.Metadata, Now);
        Assert.Empty(table["rows"]!.AsArray());
        Assert.Equal(8, table["columnDefinitions"]!.AsArray().Count);
    }

    [Fact]
    public void Watch_events_are_one_row_tables_with_columns_only_when_asked()
    {
        var first = TablePrinter.WatchEvent("ADDED", ResourceRegistry.Pods, Parse(Pod), includeColumnDefinitions: true, TableIncludeObject.Metadata, Now);
        var later = TablePrinter.WatchEvent("MODIFIED", ResourceRegistry.Pods, Parse(Pod), includeColumnDefinitions: false, TableIncludeObject.Metadata, Now);

        Assert.Equal("ADDED", first["type"]!.GetValue<string>());
        Assert.Equal("Table", first["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("41", first["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(9, first["object"]!["columnDefinitions"]!.AsArray().Count);
        Assert.Single(first["object"]!["rows"]!.AsArray());

        Assert.Empty(later["object"]!["columnDefinitions"]!.AsArray());
        Assert.Equal("web-1", later["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, TableIncludeObject.Metadata)]
    [InlineData("", TableIncludeObject.Metadata)]
    [InlineData("Metadata", TableIncludeObject.Metadata)]
    [InlineData("Object", TableIncludeObject.Object)]
    [InlineData("None", TableIncludeObject.None)]
    [InlineData("object", null)]
    public void Include_object_parameter(string? value, TableIncludeObject? expected) =>
        Assert.Equal(expected, TableIncludeObjectParser.Parse(value));

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Cells_serialize_as_json_strings_and_numbers()
    {
        var table = TablePrinter.ToTable(ResourceRegistry.ReplicaSets, [Parse("""{"metadata":{"name":"rs"},"spec":{"replicas":2}}""")],
            "1", TableIncludeObject.None, Now);
        Assert.Contains("\"cells\":[\"rs\",2,0,0,\"<unknown>\",\"\",\"\",\"<none>\"]", table.ToJsonString(Relaxed), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_printer_fills_exactly_one_cell_per_column()
    {
        foreach (var type in ResourceRegistry.AllTypes)
        {
            var table = TablePrinter.ToTable(type, [new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" } }], "1", TableIncludeObject.None, Now);
            Assert.Equal(table["columnDefinitions"]!.AsArray().Count, table["rows"]![0]!["cells"]!.AsArray().Count);
        }
    }
}
