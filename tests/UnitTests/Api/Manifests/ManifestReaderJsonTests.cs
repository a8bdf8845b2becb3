using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Manifests;

namespace ActorOrchestrator.UnitTests.Api.Manifests;

public class ManifestReaderJsonTests
{
    private static IReadOnlyList<JsonObject> Read(string text) => ManifestReader.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Reads_one_json_object_keeping_unknown_fields_and_order()
    {
        var docs = Read("""{"kind":"Pod","zeta":1,"alpha":{"x":[1,"a",true,null]}}""");
        Assert.Single(docs);
        Assert.Equal(["kind", "zeta", "alpha"], docs[0].Select(p => p.Key));
        Json.Equal("""{"kind":"Pod","zeta":1,"alpha":{"x":[1,"a",true,null]}}""", docs[0]);
    }

    [Fact]
    public void Reads_concatenated_json_objects_in_order()
    {
        var docs = Read("""{"a":1} {"b":2}""" + "\n" + """{"c":3}""");
        Assert.Equal(3, docs.Count);
        Json.Equal("""{"c":3}""", docs[2]);
    }

    [Theory]
    [InlineData("1", typeof(long))]
    [InlineData("-9223372036854775808", typeof(long))]
    [InlineData("18446744073709551615", typeof(ulong))]
    [InlineData("1.5", typeof(double))]
    [InlineData("1e3", typeof(double))]
    public void Numbers_get_kubernetes_types(string number, Type expected)
    {
        var value = Read($$"""{"n":{{number}}}""")[0]["n"]!.AsValue();
        Assert.Equal(expected, value.GetValue<object>().GetType());
    }

    [Fact]
    public void A_number_beyond_double_range_is_refused()
    {
        var e = Json.Refused(() => Read("""{"n":1e400}"""));
        Assert.Equal(400, e.Code);
        Assert.Contains("number 1e400 is out of range", e.Message);
    }

    [Fact]
    public void Byte_order_mark_and_surrounding_blanks_are_ignored()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("  \n {\"a\":1}\n")).ToArray();
        Json.Equal("""{"a":1}""", ManifestReader.Read(bytes)[0]);
    }

    [Fact]
    public void Null_documents_are_skipped()
    {
        Assert.Empty(ManifestReader.ReadJson("null"u8));
        Assert.Empty(ManifestReader.ReadJson("  "u8));
    }

    [Theory]
    [InlineData("[1,2]", "document 1 is a list")]
    [InlineData("\"text\"", "document 1 is a scalar value")]
    [InlineData("{\"a\":1} 5", "document 2 is a scalar value")]
    public void Non_object_documents_are_refused(string body, string expected)
    {
        var e = Json.Refused(() => ManifestReader.ReadJson(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(400, e.Code);
        Assert.Equal("BadRequest", e.Reason);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Syntax_errors_name_line_and_column()
    {
        var e = Json.Refused(() => Read("{\n  \"a\": 1,\n  \"b\": }\n"));
        Assert.Equal(400, e.Code);
        Assert.StartsWith("json parse error: line 3, column 8: ", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
        Assert.Contains("line 3, column 8", Assert.Single(e.Causes).Message);
    }

    [Fact]
    public void Truncated_json_is_refused()
    {
        var e = Json.Refused(() => Read("""{"a": {"b": 1"""));
        Assert.Equal(400, e.Code);
        Assert.StartsWith("json parse error: line 1", e.Message);
    }

    [Fact]
    public void Duplicate_keys_are_refused_with_their_path_and_line()
    {
        var e = Json.Refused(() => Read("{\"spec\":{\"containers\":[{\"name\":\"a\",\n\"name\":\"b\"}]}}"));
        Assert.Equal(400, e.Code);
        Assert.Equal("json parse error: line 2, column 1: duplicate field \"spec.containers[0].name\"", e.Message);
    }

    [Fact]
    public void Comments_are_not_json()
    {
        var e = Json.Refused(() => Read("{\"a\":1 /* no */}"));
        Assert.Equal(400, e.Code);
    }

    [Fact]
    public void Json_media_type_does_not_accept_yaml()
    {
        var e = Json.Refused(() => ManifestReader.ReadJson("a: 1"u8));
        Assert.StartsWith("json parse error: line 1, column 1", e.Message);
    }

    [Fact]
    public void Depth_beyond_the_limit_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 10)) + "1" + new string('}', 10);
        var limits = new ManifestLimits(MaxDepth: 9);
        var e = Json.Refused(() => ManifestReader.Read(Encoding.UTF8.GetBytes(deep), limits));
        Assert.Equal(400, e.Code);
        Assert.Single(ManifestReader.Read(Encoding.UTF8.GetBytes(deep), new ManifestLimits(MaxDepth: 10)));
    }

    [Fact]
    public void Too_many_values_are_refused()
    {
        var body = "{\"a\":[" + string.Join(",", Enumerable.Repeat("1", 50)) + "]}";
        var e = Json.Refused(() => ManifestReader.Read(Encoding.UTF8.GetBytes(body), new ManifestLimits(MaxNodes: 40)));
        Assert.Contains("more than 40 values", e.Message);
    }

    [Fact]
    public void ReadSingle_requires_exactly_one_object()
    {
        Json.Equal("""{"a":1}""", ManifestReader.ReadSingle("""{"a":1}"""u8));
        Assert.Contains("empty", Json.Refused(() => ManifestReader.ReadSingle(""u8)).Message);
        Assert.Contains("holds 2 objects", Json.Refused(() => ManifestReader.ReadSingle("""{"a":1}{"b":2}"""u8)).Message);
    }
}
