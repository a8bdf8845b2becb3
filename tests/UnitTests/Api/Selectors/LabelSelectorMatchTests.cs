using ActorOrchestrator.Api.Selectors;
using CsCheck;

namespace ActorOrchestrator.UnitTests.Api.Selectors;

public class LabelSelectorMatchTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["env"] = "prod", ["replicas"] = "5", ["empty"] = "" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=api", false)]
    [InlineData("missing=x", false)]
    [InlineData("app!=api", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("env in (prod,dev)", true)]
    [InlineData("env in (dev)", false)]
    [InlineData("missing in (a)", false)]
    [InlineData("env notin (dev)", true)]
    [InlineData("env notin (prod)", false)]
    [InlineData("missing notin (a)", true)]
    [InlineData("app", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("empty=", true)]
    [InlineData("empty in ()", true)]
    [InlineData("missing=", false)]
    [InlineData("replicas>4", true)]
    [InlineData("replicas>5", false)]
    [InlineData("replicas<6", true)]
    [InlineData("app>1", false)]
    [InlineData("missing<1", false)]
    [InlineData("app=web,env=prod", true)]
    [InlineData("app=web,env=dev", false)]
    public void Matches_like_kubernetes(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Web));
    }

    [Fact]
    public void Object_form_ands_match_labels_and_expressions()
    {
        var selector = LabelSelector.FromObject(Json.Node("""
            {"matchLabels":{"app":"web"},
             "matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]},
                                 {"key":"legacy","operator":"DoesNotExist"},
                                 {"key":"tier","operator":"NotIn","values":["be"]},
                                 {"key":"env","operator":"Exists"}]}
            """));
        Assert.Equal("app=web,env in (dev,prod),env,!legacy,tier notin (be)", selector.ToString());
        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Fact]
    public void Null_object_selects_nothing_and_empty_object_selects_everything()
    {
        Assert.False(LabelSelector.FromObject(null).Matches(Web));
        Assert.False(LabelSelector.FromObject(null).IsEmpty);
        Assert.True(LabelSelector.FromObject(Json.Node("{}")).Matches(Web));
        Assert.True(LabelSelector.FromObject(Json.Node("{}")).IsEmpty);
        Assert.Equal("", LabelSelector.Nothing.ToString());
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Equals","values":["x"]}]}""", "\"Equals\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""", "matchExpressions[0].values: Invalid value")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In"}]}""", "values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "values set must be empty")]
    [InlineData("""{"matchExpressions":[{"operator":"Exists"}]}""", "matchExpressions[0].key must be a string")]
    [InlineData("""{"matchExpressions":{"key":"a"}}""", "matchExpressions must be a list")]
    [InlineData("""{"matchLabels":{"app":1}}""", "matchLabels[app] must be a string")]
    [InlineData("""{"matchLabels":{"bad key":"x"}}""", "Invalid value: \"bad key\"")]
    [InlineData("""[]""", "must be an object")]
    public void Invalid_object_selectors_are_bad_requests(string json, string expected)
    {
        var e = Json.Refused(() => LabelSelector.FromObject(Json.Node(json)));
        Assert.Equal(400, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Map_selector_is_equality_on_every_pair()
    {
        var selector = LabelSelector.FromMap(Json.Node("""{"app":"web","env":"prod"}"""));
        Assert.Equal("app=web,env=prod", selector.ToString());
        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
        Assert.True(LabelSelector.FromMap((IReadOnlyDictionary<string, string>?)null).IsEmpty);
        Assert.True(LabelSelector.FromMap(new Dictionary<string, string>()).IsEmpty);
        Assert.Equal(400, Json.Refused(() => LabelSelector.FromMap(Json.Node("""{"app":"-bad"}"""))).Code);
    }

    [Fact]
    public void Of_builds_from_requirements()
    {
        var selector = LabelSelector.Of([Requirement.Create("b", SelectorOperator.Exists, []), Requirement.Create("a", SelectorOperator.Equals, ["1"])]);
        Assert.Equal("a=1,b", selector.ToString());
    }

    private static readonly Gen<string> Key = Gen.OneOf<string>("app", "env", "tier", "in", "notin", "example.com/x", "a.b_c-d", "k8s.io/name");
    private static readonly Gen<string> Value = Gen.OneOf<string>("", "web", "prod", "in", "notin", "a.b", "A_1", "5", "12");

    private static readonly Gen<Requirement> GenRequirement =
        Gen.Select(Key, Gen.Enum<SelectorOperator>(), Value.Array[1, 3]).Select(t =>
        {
            var (key, op, values) = t;
            return op switch
            {
                SelectorOperator.Exists or SelectorOperator.DoesNotExist => Requirement.Create(key, op, []),
                SelectorOperator.In or SelectorOperator.NotIn => Requirement.Create(key, op, values),
                SelectorOperator.GreaterThan or SelectorOperator.LessThan => Requirement.Create(key, op, [values.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
                _ => Requirement.Create(key, op, [values[0]]),
            };
        });

    private static readonly Gen<Dictionary<string, string>> Labels =
        Gen.Select(Key, Value).Array[0, 6].Select(pairs => pairs.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2));

    [Fact]
    public void Printed_selectors_parse_back_to_the_same_selector()
    {
        GenRequirement.Array[0, 5].Sample(requirements =>
        {
            var selector = LabelSelector.Of(requirements);
            var reparsed = LabelSelector.Parse(selector.ToString());
            return reparsed.Equals(selector) && reparsed.ToString() == selector.ToString();
        }, iter: 2000);
    }

    [Fact]
    public void A_selector_matches_exactly_when_every_requirement_does()
    {
        Gen.Select(GenRequirement.Array[0, 4], Labels).Sample((requirements, labels) =>
            LabelSelector.Of(requirements).Matches(labels) == requirements.All(r => r.Matches(labels)), iter: 2000);
    }

    [Fact]
    public void Negated_operators_are_complements()
    {
        Gen.Select(Key, Value.Array[1, 3], Labels).Sample((key, values, labels) =>
            Requirement.Create(key, SelectorOperator.In, values).Matches(labels) != Requirement.Create(key, SelectorOperator.NotIn, values).Matches(labels) &&
            Requirement.Create(key, SelectorOperator.Equals, [values[0]]).Matches(labels) != Requirement.Create(key, SelectorOperator.NotEquals, [values[0]]).Matches(labels) &&
            Requirement.Create(key, SelectorOperator.Exists, []).Matches(labels) != Requirement.Create(key, SelectorOperator.DoesNotExist, []).Matches(labels),
            iter: 2000);
    }
}
