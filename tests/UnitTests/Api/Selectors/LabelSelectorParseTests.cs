using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.UnitTests.Api.Selectors;

public class LabelSelectorParseTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("app=web", "app=web")]
    [InlineData("app==web", "app==web")]
    [InlineData("tier!=be", "tier!=be")]
    [InlineData("key", "key")]
    [InlineData("!legacy", "!legacy")]
    [InlineData("env in (prod,dev)", "env in (dev,prod)")]
    [InlineData("env notin (prod, dev, prod)", "env notin (dev,prod)")]
    [InlineData("env in (prod,dev),!legacy,tier!=be,app=web,app==web,key", "app=web,app==web,env in (dev,prod),key,!legacy,tier!=be")]
    [InlineData("  app = web ,  env  in(a) ", "app=web,env in (a)")]
    [InlineData("app=", "app=")]
    [InlineData("app=,b", "app=,b")]
    [InlineData("x in ()", "x in ()")]
    [InlineData("x in (a,)", "x in (,a)")]
    [InlineData("x in (,a)", "x in (,a)")]
    [InlineData("x in (a,,b)", "x in (,a,b)")]
    [InlineData("in in (in,notin)", "in in (in,notin)")]
    [InlineData("x=in", "x=in")]
    [InlineData("example.com/app=web", "example.com/app=web")]
    [InlineData("replicas>3", "replicas>3")]
    [InlineData("replicas<3", "replicas<3")]
    public void Parses_and_prints_the_canonical_form(string text, string canonical)
    {
        Assert.Equal(canonical, LabelSelector.Parse(text).ToString());
    }

    [Fact]
    public void Does_not_split_on_commas_inside_parentheses()
    {
        var selector = LabelSelector.Parse("app in (web,api),tier!=be,!legacy,env");
        Assert.Equal(4, selector.Requirements.Count);
        var inRequirement = selector.Requirements.Single(r => r.Key == "app");
        Assert.Equal(SelectorOperator.In, inRequirement.Operator);
        Assert.Equal(["api", "web"], inRequirement.Values);
    }

    [Fact]
    public void Null_and_empty_select_everything()
    {
        Assert.True(LabelSelector.Parse(null).IsEmpty);
        Assert.Same(LabelSelector.Everything, LabelSelector.Parse(""));
        Assert.True(LabelSelector.Parse("").Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("app=web,", "found '', expected: identifier after ','")]
    [InlineData(",app", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("app web", "found 'web', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("app in web", "found 'web' expected: '('")]
    [InlineData("app in (web", "found '', expected: ',' or ')'")]
    [InlineData("app in (web,", "found '', expected: ',', or identifier")]
    [InlineData("app in (a b)", "found 'b', expected: ',' or ')'")]
    [InlineData("app in (=)", "found '=', expected: ',', ')' or identifier")]
    [InlineData("app=(a)", "found '(', expected: identifier")]
    [InlineData("!app=web", "found '=', expected: ',' or 'end of string'")]
    [InlineData("!", "found '', expected: identifier")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    public void Syntax_errors_are_bad_requests_with_kubernetes_wording(string text, string expected)
    {
        var e = Json.Refused(() => LabelSelector.Parse(text));
        Assert.Equal(400, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("-app=web", "key: Invalid value: \"-app\": name part must consist of")]
    [InlineData("app=-web", "values[0][app]: Invalid value: \"-web\": a valid label must be an empty string")]
    [InlineData("app in (ok,bad value)", "found 'value', expected: ',' or ')'")]
    [InlineData("n>abc", "values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("toolongvalue=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "must be no more than 63 characters")]
    public void Invalid_keys_and_values_are_bad_requests(string text, string expected)
    {
        var e = Json.Refused(() => LabelSelector.Parse(text));
        Assert.Equal(400, e.Code);
        Assert.StartsWith("unable to parse requirement: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Requirement_create_enforces_value_counts()
    {
        Assert.Contains("values set can't be empty", Json.Refused(() => Requirement.Create("a", SelectorOperator.In, [])).Message);
        Assert.Contains("exact-match compatibility requires one single value", Json.Refused(() => Requirement.Create("a", SelectorOperator.Equals, ["x", "y"])).Message);
        Assert.Contains("values set must be empty for exists", Json.Refused(() => Requirement.Create("a", SelectorOperator.Exists, ["x"])).Message);
        Assert.Contains("exactly one value is required", Json.Refused(() => Requirement.Create("a", SelectorOperator.GreaterThan, ["1", "2"])).Message);
        var e = Json.Refused(() => Requirement.Create("a", SelectorOperator.In, [], "matchExpressions[0]"));
        Assert.Equal("matchExpressions[0].values", Assert.Single(e.Causes).Field);
    }

    [Fact]
    public void Requirements_are_equal_by_meaning()
    {
        Assert.Equal(Requirement.Create("a", SelectorOperator.In, ["y", "x", "x"]), Requirement.Create("a", SelectorOperator.In, ["x", "y"]));
        Assert.NotEqual(Requirement.Create("a", SelectorOperator.In, ["x"]), Requirement.Create("a", SelectorOperator.NotIn, ["x"]));
        Assert.Equal(LabelSelector.Parse("b=1,a in (x)"), LabelSelector.Parse("a in (x), b=1"));
        Assert.Equal(LabelSelector.Parse("b=1,a in (x)").GetHashCode(), LabelSelector.Parse("a in (x), b=1").GetHashCode());
        Assert.NotEqual(LabelSelector.Everything, LabelSelector.Nothing);
    }
}
