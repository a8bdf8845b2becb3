using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Manifests;

namespace ActorOrchestrator.UnitTests.Api.Manifests;

public class ManifestReaderYamlTests
{
    private static IReadOnlyList<JsonObject> Read(string yaml) => ManifestReader.Read(yaml);

    private static JsonNode? ValueOf(string scalarText) => Read("v: " + scalarText)[0]["v"];

    [Fact]
    public void Reads_a_pod_manifest()
    {
        var pod = Assert.Single(Read("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {app: web, tier: "1"}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                ports:
                - containerPort: 80
                args: ["--port", '8080']
            """));
        Json.Equal("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web","tier":"1"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}],"args":["--port","8080"]}]}}
            """, pod);
    }

    [Fact]
    public void Reads_a_multi_document_stream_skipping_empty_documents()
    {
        var docs = Read("""
            ---
            # only a comment
            ---
            kind: A
            ---
            ---
            kind: B
            ...
            ---
            ~
            """);
        Assert.Equal(["A", "B"], docs.Select(d => d["kind"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("yes", "true")]
    [InlineData("off", "false")]
    [InlineData("y", "true")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("", "null")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("+7", "7")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0755", "493")]
    [InlineData("0b101", "5")]
    [InlineData("09", "9")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-2.5e3", "-2500")]
    [InlineData("'true'", "\"true\"")]
    [InlineData("\"123\"", "\"123\"")]
    [InlineData("!!str 123", "\"123\"")]
    [InlineData("! 12", "\"12\"")]
    [InlineData("!!int \"12\"", "12")]
    [InlineData("hello world", "\"hello world\"")]
    [InlineData("2024-01-02", "\"2024-01-02\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("nginx:1.27", "\"nginx:1.27\"")]
    public void Scalars_get_kubernetes_json_types(string yaml, string expectedJson)
    {
        Json.Equal(expectedJson, ValueOf(yaml));
    }

    [Theory]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".nan")]
    public void Infinities_are_refused_because_json_cannot_hold_them(string yaml)
    {
        var e = Json.Refused(() => ValueOf(yaml));
        Assert.Equal("error converting YAML to JSON: yaml: line 1: json: unsupported value: " + yaml, e.Message);
    }

    [Fact]
    public void A_tag_that_contradicts_the_value_is_refused()
    {
        var e = Json.Refused(() => ValueOf("!!int abc"));
        Assert.Contains("cannot decode !!int `abc`", e.Message);
    }

    [Fact]
    public void Block_scalars_are_strings()
    {
        var doc = Read("""
            literal: |
              line one
                indented
            folded: >
              a
              b
            strip: |-
              x
            """)[0];
        Assert.Equal("line one\n  indented\n", doc["literal"]!.GetValue<string>());
        Assert.Equal("a b\n", doc["folded"]!.GetValue<string>());
        Assert.Equal("x", doc["strip"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1: a", "1")]
    [InlineData("true: a", "true")]
    [InlineData("on: a", "true")]
    [InlineData("1.5: a", "1.5")]
    [InlineData("'quoted': a", "quoted")]
    public void Non_string_keys_become_their_json_text(string yaml, string key)
    {
        Assert.Equal(key, Assert.Single(Read(yaml)[0]).Key);
    }

    [Theory]
    [InlineData("? [a]\n: b")]
    [InlineData("? {a: 1}\n: b")]
    [InlineData("~: b")]
    public void Keys_that_json_cannot_hold_are_refused(string yaml)
    {
        Assert.Equal(400, Json.Refused(() => Read(yaml)).Code);
    }

    [Fact]
    public void Anchors_and_aliases_expand_to_copies()
    {
        var doc = Read("""
            base: &b {cpu: 100m}
            a: *b
            b: *b
            """)[0];
        Json.Equal("""{"base":{"cpu":"100m"},"a":{"cpu":"100m"},"b":{"cpu":"100m"}}""", doc);
        doc["a"]!["cpu"] = "1";
        Assert.Equal("100m", doc["b"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public void Merge_keys_copy_what_the_mapping_does_not_set()
    {
        var doc = Read("""
            defaults: &d {image: nginx, pull: Always}
            extra: &e {pull: Never, port: 80}
            c1:
              <<: *d
              image: custom
            c2:
              image: first
              <<: [*d, *e]
            """)[0];
        Json.Equal("""{"image":"custom","pull":"Always"}""", doc["c1"]);
        Json.Equal("""{"image":"first","pull":"Always","port":80}""", doc["c2"]);
        Json.Equal("""{"image":"nginx","pull":"Always"}""", doc["defaults"]);
    }

    [Fact]
    public void Merging_a_scalar_is_refused()
    {
        Assert.Contains("map merge requires map", Json.Refused(() => Read("a:\n  <<: 5\n")).Message);
    }

    [Fact]
    public void An_unknown_alias_is_refused_with_its_line()
    {
        var e = Json.Refused(() => Read("a: 1\nb: *nope\n"));
        Assert.StartsWith("error converting YAML to JSON: yaml: line 2: ", e.Message);
    }

    [Fact]
    public void Syntax_errors_read_like_kubernetes_with_the_line()
    {
        var e = Json.Refused(() => Read("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: web image: nginx
            """));
        Assert.Equal(400, e.Code);
        Assert.Equal("BadRequest", e.Reason);
        Assert.Equal("error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context", e.Message);
        Assert.StartsWith("line 7, column ", Assert.Single(e.Causes).Message);
    }

    [Theory]
    [InlineData("a: [1, 2")]
    [InlineData("a: 'unterminated")]
    [InlineData("a:\n\tb: 1")]
    [InlineData("- a\nb: c")]
    public void Malformed_yaml_is_a_bad_request(string yaml)
    {
        var e = Json.Refused(() => Read(yaml));
        Assert.Equal(400, e.Code);
        Assert.StartsWith("error converting YAML to JSON: yaml: line ", e.Message);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var e = Json.Refused(() => Read("metadata:\n  name: a\n  name: b\n"));
        Assert.Equal("error converting YAML to JSON: yaml: line 3: key \"name\" already set in map", e.Message);
    }

    [Theory]
    [InlineData("- a\n- b", "document 1 is a list")]
    [InlineData("kind: A\n---\nplain text", "document 2 is a scalar value")]
    public void Documents_that_are_not_mappings_are_refused(string yaml, string expected)
    {
        Assert.Contains(expected, Json.Refused(() => Read(yaml)).Message);
    }

    [Fact]
    public void Billion_laughs_is_refused_quickly()
    {
        var bomb = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Json.Refused(() => Read(bomb));
        Assert.Equal(400, e.Code);
        Assert.Contains("document contains excessive aliasing", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Modest_alias_use_is_accepted()
    {
        var yaml = "base: &b {a: 1, b: 2}\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"k{i}: *b\n"));
        Assert.Equal(51, Read(yaml)[0].Count);
    }

    [Theory]
    [InlineData(1000, 101, false)]
    [InlineData(1001, 100, false)]
    [InlineData(1001, 992, true)]
    [InlineData(1001, 990, false)]
    [InlineData(4_000_000, 400_001, true)]
    [InlineData(4_000_000, 400_000, false)]
    public void Alias_ratio_follows_go_yaml(long values, long aliased, bool excessive)
    {
        Assert.Equal(excessive, YamlManifestParserProbe.IsExcessiveAliasing(values, aliased));
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_refused()
    {
        var yaml = string.Concat(Enumerable.Range(0, 12).Select(i => new string(' ', i * 2) + $"k{i}:\n")) + new string(' ', 24) + "leaf: 1\n";
        var e = Json.Refused(() => ManifestReader.Read(yaml, new ManifestLimits(MaxDepth: 10)));
        Assert.Contains("exceeded max depth of 10", e.Message);
        Assert.Single(ManifestReader.Read(yaml, new ManifestLimits(MaxDepth: 13)));
    }

    [Fact]
    public void Flow_nesting_bomb_is_refused_by_depth()
    {
        var yaml = "a: " + new string('[', 5000) + new string(']', 5000);
        Assert.Equal(400, Json.Refused(() => Read(yaml)).Code);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var e = Json.Refused(() => ManifestReader.Read([(byte)'a', (byte)':', (byte)' ', 0xC3, 0x28]));
        Assert.Contains("invalid UTF-8", e.Message);
    }

    [Fact]
    public void A_body_starting_with_a_brace_is_json_unless_declared_yaml()
    {
        Assert.StartsWith("json parse error:", Json.Refused(() => Read("{a: 1, b: [x]}")).Message);
        Json.Equal("""{"a":1,"b":["x"]}""", Assert.Single(ManifestReader.ReadYaml("{a: 1, b: [x]}"u8)));
    }

    [Fact]
    public void Yaml_media_type_accepts_json_text()
    {
        Json.Equal("""{"a":[1,2]}""", Assert.Single(ManifestReader.ReadYaml("""{"a": [1, 2]}"""u8)));
    }

    [Theory]
    [InlineData("(Line: 7, Col: 12, Idx: 80) - (Line: 7, Col: 12, Idx: 80): While scanning a plain scalar value, found invalid mapping.", "mapping values are not allowed in this context")]
    [InlineData("(Line: 3, Col: 1, Idx: 9) - (Line: 3, Col: 1, Idx: 9): While parsing a block mapping, did not find expected key.", "did not find expected key")]
    [InlineData("(Line: 1, Col: 4, Idx: 3) - (Line: 1, Col: 4, Idx: 3): Mapping values are not allowed in this context.", "mapping values are not allowed in this context")]
    [InlineData("something odd", "something odd")]
    public void YamlDotNet_messages_take_go_yaml_wording(string message, string expected)
    {
        Assert.Equal(expected, ManifestReader.YamlDotNetDetail(message));
    }
}
