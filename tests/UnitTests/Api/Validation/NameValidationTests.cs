using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Api.Validation;

namespace ActorOrchestrator.UnitTests.Api.Validation;

public class NameValidationTests
{
    private const string SubdomainRegexError =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelRegexError =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1035RegexError =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    [Theory]
    [InlineData("web")]
    [InlineData("web-1.example.com")]
    [InlineData("1abc")]
    [InlineData("a")]
    public void Valid_subdomains(string name) => Assert.Empty(NameValidation.IsDns1123Subdomain(name));

    [Theory]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("web..a")]
    [InlineData("web_1")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("a/b")]
    public void Invalid_subdomains_get_the_kubernetes_message(string name)
    {
        Assert.Equal([SubdomainRegexError], NameValidation.IsDns1123Subdomain(name));
    }

    [Fact]
    public void Subdomain_length_limit_is_253()
    {
        var ok = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        Assert.Empty(NameValidation.IsDns1123Subdomain(ok.TrimEnd('.')));
        Assert.Equal(["must be no more than 253 characters"], NameValidation.IsDns1123Subdomain(new string('a', 254)));
    }

    [Fact]
    public void Labels_reject_dots_with_their_own_message_and_length_over_63()
    {
        Assert.Empty(NameValidation.IsDns1123Label("kube-system"));
        Assert.Equal(["must not contain dots"], NameValidation.IsDns1123Label("a.b"));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1123Label(new string('a', 64)));
        Assert.Equal(["must be no more than 63 characters", "must not contain dots"], NameValidation.IsDns1123Label(new string('a', 62) + ".b"));
    }

    [Fact]
    public void Label_regex_message_matches_kubernetes()
    {
        // Kubernetes joins its examples as "'my-name', " + " or " + "'123-abc', ", which leaves the double space.
        Assert.Equal(LabelRegexError, Assert.Single(NameValidation.IsDns1123Label("Bad")));
    }

    [Fact]
    public void Dns1035_requires_a_leading_letter()
    {
        Assert.Empty(NameValidation.IsDns1035Label("web-1"));
        Assert.Equal(Dns1035RegexError, Assert.Single(NameValidation.IsDns1035Label("1web")));
    }

    [Theory]
    [InlineData("Namespace", NameRule.Dns1123Label)]
    [InlineData("Service", NameRule.Dns1035Label)]
    [InlineData("Pod", NameRule.Dns1123Subdomain)]
    [InlineData("Deployment", NameRule.Dns1123Subdomain)]
    public void Rules_per_kind(string kind, NameRule expected) => Assert.Equal(expected, NameValidation.RuleFor(kind));

    [Fact]
    public void Generate_name_prefixes_may_end_with_a_dash()
    {
        Assert.Empty(NameValidation.Validate("web-", NameRule.Dns1123Subdomain, isPrefix: true));
        Assert.NotEmpty(NameValidation.Validate("web-", NameRule.Dns1123Subdomain));
        Assert.NotEmpty(NameValidation.Validate("Web-", NameRule.Dns1123Label, isPrefix: true));
    }

    [Fact]
    public void ValidateObjectName_reports_name_and_generate_name_causes()
    {
        var causes = NameValidation.ValidateObjectName(Json.Obj("""{"metadata":{"name":"Bad_Name","generateName":"ok-"}}"""), ResourceRegistry.Pods);
        var cause = Assert.Single(causes);
        Assert.Equal("metadata.name", cause.Field);
        Assert.Equal("FieldValueInvalid", cause.Reason);
        Assert.Equal("Invalid value: \"Bad_Name\": " + SubdomainRegexError, cause.Message);

        var missing = Assert.Single(NameValidation.ValidateObjectName(Json.Obj("""{"metadata":{}}"""), ResourceRegistry.Pods));
        Assert.Equal(("FieldValueRequired", "metadata.name", "Required value: name or generateName is required"), (missing.Reason, missing.Field, missing.Message));

        var badPrefix = NameValidation.ValidateObjectName(Json.Obj("""{"metadata":{"name":"ns1","generateName":"A."}}"""), ResourceRegistry.Namespaces);
        Assert.Equal("metadata.generateName", Assert.Single(badPrefix).Field);

        Assert.Empty(NameValidation.ValidateObjectName(Json.Obj("""{"metadata":{"name":"web"}}"""), ResourceRegistry.Services));
        Assert.Single(NameValidation.ValidateObjectName(Json.Obj("""{"metadata":{"name":"1web"}}"""), ResourceRegistry.Services));
    }
}
