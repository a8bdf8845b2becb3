using ActorOrchestrator.Api.Validation;

namespace ActorOrchestrator.UnitTests.Api.Validation;

public class MetadataValidationTests
{
    private const string NamePartError =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    [Theory]
    [InlineData("app")]
    [InlineData("App_1.x-y")]
    [InlineData("example.com/app")]
    [InlineData("kubernetes.io/cluster-service")]
    public void Valid_label_keys(string key) => Assert.Empty(MetadataValidation.IsQualifiedName(key));

    [Fact]
    public void Label_key_messages_match_kubernetes()
    {
        Assert.Equal([NamePartError], MetadataValidation.IsQualifiedName("-app"));
        Assert.Equal(["prefix part must be non-empty"], MetadataValidation.IsQualifiedName("/app"));
        Assert.Equal(["name part must be non-empty", NamePartError], MetadataValidation.IsQualifiedName("example.com/"));
        Assert.Equal(["name part must be no more than 63 characters"], MetadataValidation.IsQualifiedName(new string('a', 64)));
        Assert.StartsWith("prefix part a lowercase RFC 1123 subdomain", Assert.Single(MetadataValidation.IsQualifiedName("Example.com/app")));
        Assert.StartsWith("a qualified name must consist of", Assert.Single(MetadataValidation.IsQualifiedName("a/b/c")));
        Assert.EndsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')", Assert.Single(MetadataValidation.IsQualifiedName("a/b/c")));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("web", true)]
    [InlineData("My_Value.1", true)]
    [InlineData("-web", false)]
    [InlineData("a b", false)]
    [InlineData("web/1", false)]
    public void Label_values(string value, bool valid) => Assert.Equal(valid, MetadataValidation.IsValidLabelValue(value).Count == 0);

    [Fact]
    public void Label_value_messages_match_kubernetes()
    {
        Assert.Equal(
            ["must be no more than 63 characters"],
            MetadataValidation.IsValidLabelValue(new string('a', 64)));
        Assert.Equal(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            Assert.Single(MetadataValidation.IsValidLabelValue("-x")));
    }

    [Fact]
    public void ValidateLabels_reports_each_problem_on_metadata_labels()
    {
        var causes = MetadataValidation.ValidateLabels(new Dictionary<string, string> { ["ok"] = "fine", ["bad key"] = "bad value!" });
        Assert.Equal(2, causes.Count);
        Assert.All(causes, c => Assert.Equal(("FieldValueInvalid", "metadata.labels"), (c.Reason, c.Field)));
        Assert.StartsWith("Invalid value: \"bad key\": name part must consist", causes[0].Message);
        Assert.StartsWith("Invalid value: \"bad value!\": a valid label must be", causes[1].Message);
    }

    [Fact]
    public void Annotation_keys_are_checked_case_insensitively_and_values_are_free()
    {
        Assert.Empty(MetadataValidation.ValidateAnnotations(new Dictionary<string, string> { ["Example.COM/Note"] = "any text: at all\n" }));
        var cause = Assert.Single(MetadataValidation.ValidateAnnotations(new Dictionary<string, string> { ["bad key"] = "" }));
        Assert.Equal("metadata.annotations", cause.Field);
    }

    [Fact]
    public void Annotations_may_total_256_KiB_of_keys_and_values()
    {
        var limit = MetadataValidation.TotalAnnotationSizeLimitBytes;
        Assert.Equal(262144, limit);
        var atLimit = new Dictionary<string, string> { ["k"] = new string('x', limit - 1) };
        Assert.Empty(MetadataValidation.ValidateAnnotations(atLimit));
        var over = new Dictionary<string, string> { ["k"] = new string('x', limit - 1), ["j"] = "" };
        var cause = Assert.Single(MetadataValidation.ValidateAnnotations(over));
        Assert.Equal(("FieldValueTooLong", "metadata.annotations", "Too long: may not be more than 262144 bytes"), (cause.Reason, cause.Field, cause.Message));
        Assert.Equal(limit + 1, MetadataValidation.AnnotationsSize(over));
    }

    [Fact]
    public void ValidateMetadata_reports_non_string_values_and_invalid_entries()
    {
        var causes = MetadataValidation.ValidateMetadata(Json.Obj("""{"metadata":{"labels":{"on":true,"ok":"x","Bad!":"y"},"annotations":"text"}}"""));
        Assert.Contains(causes, c => c.Field == "metadata.labels.on" && c.Message.Contains("must be a string", StringComparison.Ordinal));
        Assert.Contains(causes, c => c.Field == "metadata.annotations" && c.Message.Contains("map of strings", StringComparison.Ordinal));
        Assert.Contains(causes, c => c.Field == "metadata.labels" && c.Message.StartsWith("Invalid value: \"Bad!\"", StringComparison.Ordinal));
        Assert.Equal(3, causes.Count);
        Assert.Empty(MetadataValidation.ValidateMetadata(Json.Obj("""{"metadata":{"labels":{"app":"web"}}}""")));
        Assert.Empty(MetadataValidation.ValidateMetadata(Json.Obj("""{}""")));
    }
}
