using System.Text.Json.Nodes;
using ActorOrchestrator.Gateway.Printing;

namespace ActorOrchestrator.UnitTests.Gateway;

public class LabelFormattingTests
{
    [Theory]
    [InlineData(null, "<none>")]
    [InlineData("{}", "<none>")]
    [InlineData("""{"matchLabels":{"b":"2","a":"1"}}""", "a=1,b=2")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"NotIn","values":["prod","dev"]},{"key":"app","operator":"Exists"}]}""", "app,env notin (dev,prod)")]
    [InlineData("""{"matchExpressions":[{"key":"x","operator":"Bogus"}]}""", "<error>")]
    [InlineData("""{"matchExpressions":[{"key":"x","operator":"In","values":[]}]}""", "<error>")]
    public void Label_selectors(string? selector, string expected) =>
        Assert.Equal(expected, LabelFormatting.FormatLabelSelector(selector is null ? null : JsonNode.Parse(selector)));

    [Fact]
    public void Label_maps_sort_by_key() =>
        Assert.Equal("app=web,tier=fe", LabelFormatting.FormatLabels(JsonNode.Parse("""{"tier":"fe","app":"web"}""")));
}
