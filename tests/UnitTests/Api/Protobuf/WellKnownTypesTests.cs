using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Protobuf;

namespace ActorOrchestrator.UnitTests.Api.Protobuf;

/// <summary>Messages whose Go types print themselves: times, durations, quantities, int-or-string, raw JSON.</summary>
[Trait("Category", "Unit")]
public class WellKnownTypesTests
{
    private static JsonNode? Convert(WellKnownType type, ProtoWriter message) =>
        WellKnownTypes.Convert(type, message.ToArray(), 0);

    [Fact]
    public void Time_prints_whole_seconds_in_utc_and_drops_nanos_like_metav1()
    {
        var time = Convert(WellKnownType.Time, new ProtoWriter().Varint(1, 1714557600UL).Varint(2, 999_000_000UL));
        Assert.Equal("2024-05-01T10:00:00Z", (string?)time);
    }

    [Fact]
    public void An_empty_time_and_go_zero_time_are_null()
    {
        Assert.Null(Convert(WellKnownType.Time, new ProtoWriter()));
        Assert.Null(Convert(WellKnownType.Time, new ProtoWriter().Varint(1, -62135596800L)));
    }

    [Fact]
    public void The_unix_epoch_is_a_time_not_null()
    {
        // Present but zero seconds is 1970, not Go's zero time: only an empty message is null.
        Assert.Equal("1970-01-01T00:00:00Z", (string?)Convert(WellKnownType.Time, new ProtoWriter().Varint(1, 0UL)));
    }

    [Fact]
    public void Micro_time_keeps_six_fractional_digits_truncated()
    {
        var time = Convert(WellKnownType.MicroTime, new ProtoWriter().Varint(1, 1714557600UL).Varint(2, 123_456_789UL));
        Assert.Equal("2024-05-01T10:00:00.123456Z", (string?)time);
        Assert.Equal("2024-05-01T10:00:00.000000Z", (string?)Convert(WellKnownType.MicroTime, new ProtoWriter().Varint(1, 1714557600UL)));
        Assert.Null(Convert(WellKnownType.MicroTime, new ProtoWriter()));
    }

    [Fact]
    public void A_time_outside_years_1_to_9999_is_refused()
    {
        var error = Json.Refused(() => Convert(WellKnownType.Time, new ProtoWriter().Varint(1, long.MaxValue)));
        Assert.Equal(400, error.Code);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(7L, "7ns")]
    [InlineData(1_500L, "1.5µs")]
    [InlineData(1_500_000L, "1.5ms")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(-2_000_000_000L, "-2s")]
    [InlineData(long.MinValue, "-2562047h47m16.854775808s")]
    public void Durations_print_as_go_does(long nanoseconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(nanoseconds));
        Assert.Equal(expected, (string?)Convert(WellKnownType.Duration, new ProtoWriter().Varint(1, nanoseconds)));
    }

    [Fact]
    public void Int_or_string_prints_a_number_or_a_string()
    {
        Assert.Equal(8080, (int)Convert(WellKnownType.IntOrString, new ProtoWriter().Varint(1, 0UL).Varint(2, 8080UL))!);
        Assert.Equal("50%", (string?)Convert(WellKnownType.IntOrString, new ProtoWriter().Varint(1, 1UL).String(3, "50%")));
        Assert.Equal(0, (int)Convert(WellKnownType.IntOrString, new ProtoWriter())!);
    }

    [Fact]
    public void Int_or_string_with_an_unknown_type_is_refused()
    {
        var error = Json.Refused(() => Convert(WellKnownType.IntOrString, new ProtoWriter().Varint(1, 2UL)));
        Assert.Contains("IntOrString has type 2", error.Message);
    }

    [Fact]
    public void Quantity_is_its_string_and_zero_when_absent()
    {
        Assert.Equal("500m", (string?)Convert(WellKnownType.Quantity, new ProtoWriter().String(1, "500m")));
        Assert.Equal("0", (string?)Convert(WellKnownType.Quantity, new ProtoWriter()));
    }

    [Fact]
    public void Raw_extension_embeds_json_or_a_nested_protobuf_object()
    {
        CanonicalJson.Equal(Json.Node("""{"a": [1, 2]}"""), Convert(WellKnownType.RawExtension, new ProtoWriter().String(1, """{"a":[1,2]}""")));

        var nested = ProtoWriter.Body("v1", "ConfigMap", new ProtoWriter().Message(1, new ProtoWriter().String(1, "inner")));
        CanonicalJson.Equal(Json.Node("""
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "inner", "creationTimestamp": null}}
            """), Convert(WellKnownType.RawExtension, new ProtoWriter().Bytes(1, nested)));

        Assert.Null(Convert(WellKnownType.RawExtension, new ProtoWriter()));
    }

    [Fact]
    public void Raw_extension_holding_neither_is_refused()
    {
        var error = Json.Refused(() => Convert(WellKnownType.RawExtension, new ProtoWriter().Bytes(1, [0x01, 0x02])));
        Assert.Equal(400, error.Code);
        Assert.Contains("at byte 2: RawExtension does not hold JSON", error.Message);
    }
}
