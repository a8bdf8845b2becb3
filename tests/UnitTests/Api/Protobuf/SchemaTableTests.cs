using ActorOrchestrator.Api.Protobuf;

namespace ActorOrchestrator.UnitTests.Api.Protobuf;

/// <summary>The schema table reads, binds every reference, and refuses lines it cannot read.</summary>
[Trait("Category", "Unit")]
public class SchemaTableTests
{
    [Fact]
    public void Every_message_reference_is_bound()
    {
        Assert.NotEmpty(SchemaRegistry.Messages);
        foreach (var field in SchemaRegistry.Messages.SelectMany(m => m.Fields))
        {
            Assert.True(field.Type.Kind != ValueKind.Message || field.Type.Message is not null, $"{field.JsonName} -> {field.Type}");
            Assert.True(field.Type.Kind != ValueKind.WellKnown || field.Type.WellKnown is not null, $"{field.JsonName} -> {field.Type}");
        }
    }

    [Fact]
    public void Json_names_are_unique_within_a_message_once_inline_fields_are_spread()
    {
        foreach (var message in SchemaRegistry.Messages)
        {
            var names = message.Fields.SelectMany(JsonNames).ToList();
            Assert.True(names.Count == names.Distinct().Count(), $"{message.Name} repeats a JSON name: {string.Join(", ", names)}");
        }
    }

    [Fact]
    public void Every_kind_is_a_message_of_its_package()
    {
        foreach (var (apiVersion, kind) in SchemaRegistry.Kinds)
        {
            Assert.EndsWith("." + kind, SchemaRegistry.ForKind(apiVersion, kind)!.Name);
        }
    }

    [Fact]
    public void Field_lines_are_number_name_and_go_type()
    {
        var message = SchemaText.Parse("demo", """
            Thing
              1 name string
              2 count *int32,omitempty
              3 tags []string,omitempty
              4 labels map[string]string,omitempty
              5 spec ThingSpec
              6 handler other.Handler,inline
            """).Single();

        Assert.Equal("demo.Thing", message.Name);
        Assert.Equal([FieldShape.Value, FieldShape.Pointer, FieldShape.Repeated, FieldShape.Map, FieldShape.Value, FieldShape.Value],
            message.Fields.Select(f => f.Shape));
        Assert.Equal("demo.ThingSpec", message.Fields[4].Type.MessageName);
        Assert.Equal("other.Handler", message.Fields[5].Type.MessageName);
        Assert.True(message.Fields[5].Inline);
        Assert.True(message.Fields[1].OmitEmpty);
        Assert.False(message.Fields[0].OmitEmpty);
    }

    [Theory]
    [InlineData("1 name")]
    [InlineData("x name string")]
    [InlineData("1 name string,omitmost")]
    public void Unreadable_field_lines_are_refused(string line) =>
        Assert.Throws<InvalidOperationException>(() => SchemaText.Parse("demo", $"Thing\n  {line}\n").ToList());

    [Fact]
    public void A_field_number_used_twice_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => SchemaText.Parse("demo", "Thing\n 1 a string\n 1 b string\n").ToList());

    private static IEnumerable<string> JsonNames(FieldSchema field) =>
        field.Inline ? field.Type.Message!.Fields.SelectMany(JsonNames) : [field.JsonName];
}
