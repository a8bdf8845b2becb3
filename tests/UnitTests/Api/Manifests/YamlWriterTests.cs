using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Manifests;
using CsCheck;

namespace ActorOrchestrator.UnitTests.Api.Manifests;

public class YamlWriterTests
{
    [Fact]
    public void Writes_block_style_in_json_order_like_kubectl()
    {
        var pod = Json.Obj("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"},"annotations":{}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}],"args":[]}],
                     "nodeSelector":null,"hostNetwork":false}}
            """);
        Assert.Equal("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels:
                app: web
              annotations: {}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                ports:
                - containerPort: 80
                args: []
              nodeSelector: null
              hostNetwork: false

            """.Replace("\r", ""), YamlWriter.ToYaml(pod));
    }

    [Theory]
    [InlineData("web", "web")]
    [InlineData("true", "\"true\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("", "\"\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("2024-01-02T03:04:05Z", "\"2024-01-02T03:04:05Z\"")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("key:", "'key:'")]
    [InlineData("a #b", "'a #b'")]
    [InlineData("- item", "'- item'")]
    [InlineData("*star", "'*star'")]
    [InlineData("it's", "it's")]
    [InlineData("'quoted'", "'''quoted'''")]
    [InlineData(" padded", "' padded'")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("-v", "-v")]
    [InlineData("nginx:1.27", "nginx:1.27")]
    [InlineData("http://x.io/a?b=c", "http://x.io/a?b=c")]
    [InlineData("---", "'---'")]
    [InlineData("<<", "'<<'")]
    [InlineData("héllo ✓", "héllo ✓")]
    public void Quotes_strings_only_when_needed(string value, string expected)
    {
        Assert.Equal($"v: {expected}\n", YamlWriter.ToYaml(new JsonObject { ["v"] = value }));
    }

    [Fact]
    public void Keys_are_quoted_by_the_same_rules()
    {
        Assert.Equal("\"true\": 1\n\"\": 2\nok: 3\n", YamlWriter.ToYaml(new JsonObject { ["true"] = 1, [""] = 2, ["ok"] = 3 }));
    }

    [Fact]
    public void Multi_line_strings_become_literal_blocks_with_the_right_chomping()
    {
        var obj = new JsonObject { ["clip"] = "a\nb\n", ["strip"] = "a\n\nb", ["keep"] = "a\n\n" };
        Assert.Equal("clip: |\n  a\n  b\nstrip: |-\n  a\n\n  b\nkeep: |+\n  a\n\n", YamlWriter.ToYaml(obj));
    }

    [Fact]
    public void Multi_line_strings_that_a_block_cannot_hold_are_double_quoted()
    {
        Assert.Equal("v: \" lead\\nx\"\n", YamlWriter.ToYaml(new JsonObject { ["v"] = " lead\nx" }));
        Assert.Equal("v: \"a\\r\\nb\"\n", YamlWriter.ToYaml(new JsonObject { ["v"] = "a\r\nb" }));
    }

    [Fact]
    public void Nested_lists_and_lists_of_blocks()
    {
        var obj = Json.Obj("""{"m":[[1,2],[],{"a":"x\ny"}],"n":[{"a":1,"b":{"c":2}}]}""");
        // "n" would read back as false (YAML 1.1, as Kubernetes resolves it), so it is quoted.
        Assert.Equal("m:\n- - 1\n  - 2\n- []\n- a: |-\n    x\n    y\n\"n\":\n- a: 1\n  b:\n    c: 2\n", YamlWriter.ToYaml(obj));
    }

    [Fact]
    public void Scalars_and_streams()
    {
        Assert.Equal("null\n", YamlWriter.ToYaml((JsonNode?)null));
        Assert.Equal("{}\n", YamlWriter.ToYaml(new JsonObject()));
        Assert.Equal("a: 1\n---\nb: 2\n", YamlWriter.ToYaml([Json.Obj("""{"a":1}"""), Json.Obj("""{"b":2}""")]));
    }

    [Fact]
    public void Literal_last_applied_configuration_round_trips()
    {
        var annotation = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}""" + "\n";
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = annotation } } };
        var yaml = YamlWriter.ToYaml(obj);
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration: |\n", yaml);
        Json.Equal(obj, ManifestReader.Read(yaml)[0]);
    }

    [Fact]
    public void Written_yaml_reads_back_unchanged_property()
    {
        GenObject(3).Sample(obj =>
        {
            var yaml = YamlWriter.ToYaml(obj);
            var back = ManifestReader.Read(yaml);
            if (obj.Count == 0)
            {
                return back.Count == 1 && back[0].Count == 0;
            }
            return back.Count == 1 && JsonNode.DeepEquals(obj, back[0]);
        }, iter: 400, print: o => o.ToJsonString());
    }

    // Strings drawn from characters that stress quoting: YAML indicators, spaces, line breaks, digits, words.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.OneOf<string>("true", "no", "~", "null", "123", "-1.5e3", "0x1F", "", " ", "a: b", "- x", "#", "'", "\"", "<<", "---",
            "2024-01-02", "1:30", "x\ny", "x\n", "\n", " x\ny", "a\r\nb", "tab\t", "ünï", "✓", "{a}", "[1]", "a,b", "@x", "`x`", "%x", "!x", "&a", "*a", "|", ">"),
        Gen.String[Gen.Char["ab :#-'\"\n\t{}[],&*!|>%@`?019.~"], 0, 12]);

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Text.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const(() => (JsonNode?)null));

    private static Gen<JsonNode?> GenNode(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, GenObject(depth - 1).Select(o => (JsonNode?)o)),
            (1, GenNode(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))));

    private static Gen<JsonObject> GenObject(int depth) =>
        Gen.Select(Text, GenNode(depth)).Array[0, 5].Select(pairs =>
        {
            var obj = new JsonObject();
            foreach (var (key, value) in pairs) obj[key] = value;
            return obj;
        });
}
