using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.UnitTests.Api.Selectors;

public class FieldSelectorTests
{
    private static readonly System.Text.Json.Nodes.JsonObject Pod = Json.Obj("""
        {"metadata":{"name":"web-1","namespace":"default"},"spec":{"nodeName":"node-a","hostNetwork":true},"status":{"phase":"Running"}}
        """);

    private static readonly System.Text.Json.Nodes.JsonObject Event = Json.Obj("""
        {"metadata":{"name":"e1","namespace":"ns"},"involvedObject":{"kind":"Pod","namespace":"ns","name":"web-1","uid":"u-1"},
         "reason":"Pulled","type":"Normal","source":{"component":"kubelet"},"reportingComponent":"kubelet"}
        """);

    [Theory]
    [InlineData("metadata.name=web-1", true)]
    [InlineData("metadata.name==web-1", true)]
    [InlineData("metadata.name!=web-1", false)]
    [InlineData("metadata.namespace=default,spec.nodeName=node-a", true)]
    [InlineData("spec.nodeName=", false)]
    [InlineData("status.phase!=Succeeded,status.phase!=Failed", true)]
    [InlineData("status.phase=Pending", false)]
    [InlineData("spec.hostNetwork=true", true)]
    [InlineData("spec.restartPolicy=", true)]
    [InlineData("", true)]
    public void Matches_pods(string selector, bool expected) => Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Pod));

    [Theory]
    [InlineData("involvedObject.name=web-1,involvedObject.namespace=ns,involvedObject.uid=u-1", true)]
    [InlineData("involvedObject.kind=Node", false)]
    [InlineData("reason=Pulled,type=Normal", true)]
    [InlineData("source=kubelet", true)]
    [InlineData("reportingComponent=kubelet", true)]
    public void Matches_events(string selector, bool expected) => Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Event));

    [Fact]
    public void Absent_fields_read_as_their_zero_value()
    {
        var unscheduled = Json.Obj("""{"metadata":{"name":"p"}}""");
        Assert.True(FieldSelector.Parse("spec.nodeName=").Matches(unscheduled));
        Assert.True(FieldSelector.Parse("spec.unschedulable=false").Matches(Json.Obj("""{"spec":{}}""")));
        Assert.True(FieldSelector.Parse("spec.unschedulable=true").Matches(Json.Obj("""{"spec":{"unschedulable":true}}""")));
        Assert.True(FieldSelector.Parse("status.replicas=0").Matches(unscheduled));
        Assert.True(FieldSelector.Parse("status.replicas=3").Matches(Json.Obj("""{"status":{"replicas":3}}""")));
    }

    [Fact]
    public void Parses_terms_with_empty_values_and_escapes()
    {
        var selector = FieldSelector.Parse("a=,b!=x,c==y,d=p\\,q\\=r");
        Assert.Equal(
            [new FieldRequirement("a", FieldOperator.Equals, ""), new("b", FieldOperator.NotEquals, "x"), new("c", FieldOperator.DoubleEquals, "y"), new("d", FieldOperator.Equals, "p,q=r")],
            selector.Requirements);
        Assert.Equal("a=,b!=x,c==y,d=p\\,q\\=r", selector.ToString());
        Assert.Equal(selector.Requirements, FieldSelector.Parse(selector.ToString()).Requirements);
    }

    [Fact]
    public void Blank_selects_everything()
    {
        Assert.True(FieldSelector.Parse(null).IsEmpty);
        Assert.True(FieldSelector.Parse(" ").IsEmpty);
    }

    [Theory]
    [InlineData("metadata.name")]
    [InlineData("a=b,nonsense")]
    [InlineData("=x")]
    public void Terms_without_an_operator_are_bad_requests(string text)
    {
        var e = Json.Refused(() => FieldSelector.Parse(text));
        Assert.Equal(400, e.Code);
        Assert.StartsWith($"invalid selector: '{text}'; can't understand '", e.Message);
    }

    [Fact]
    public void ExactValue_finds_equality_terms_only()
    {
        var selector = FieldSelector.Parse("metadata.name=web,status.phase!=Failed");
        Assert.Equal("web", selector.ExactValue("metadata.name"));
        Assert.Null(selector.ExactValue("status.phase"));
        Assert.Null(selector.ExactValue("spec.nodeName"));
    }

    [Fact]
    public void Supported_fields_follow_kubernetes_per_resource()
    {
        Assert.Contains("spec.nodeName", SelectableFields.For(ResourceRegistry.Pods));
        Assert.Contains("status.phase", SelectableFields.For(ResourceRegistry.Pods));
        Assert.Equal(["metadata.name", "spec.unschedulable"], SelectableFields.For(ResourceRegistry.Nodes));
        Assert.Contains("involvedObject.uid", SelectableFields.For(ResourceRegistry.Events));
        Assert.Equal(["metadata.name", "metadata.namespace"], SelectableFields.For(ResourceRegistry.ConfigMaps));
        Assert.True(SelectableFields.IsSupported(ResourceRegistry.ReplicationControllers, "status.replicas"));
        Assert.False(SelectableFields.IsSupported(ResourceRegistry.Deployments, "spec.nodeName"));
    }

    [Fact]
    public void Unsupported_fields_are_refused_like_kubernetes()
    {
        SelectableFields.EnsureSupported(FieldSelector.Parse("spec.nodeName=n,status.phase!=Failed"), ResourceRegistry.Pods);
        var e = Json.Refused(() => SelectableFields.EnsureSupported(FieldSelector.Parse("metadata.name=a,spec.foo=x"), ResourceRegistry.Pods));
        Assert.Equal(400, e.Code);
        Assert.Equal("field label not supported: spec.foo", e.Message);
        Assert.Equal("field label not supported: metadata.namespace",
            Json.Refused(() => SelectableFields.EnsureSupported(FieldSelector.Parse("metadata.namespace=x"), ResourceRegistry.Nodes)).Message);
    }

    [Fact]
    public void ValueOf_prints_non_strings_as_json()
    {
        var obj = Json.Obj("""{"spec":{"replicas":3,"paused":false,"x":{"y":1}}}""");
        Assert.Equal("3", SelectableFields.ValueOf(obj, "spec.replicas"));
        Assert.Equal("false", SelectableFields.ValueOf(obj, "spec.paused"));
        Assert.Equal("{\"y\":1}", SelectableFields.ValueOf(obj, "spec.x"));
        Assert.Equal("", SelectableFields.ValueOf(obj, "spec.none"));
    }
}
