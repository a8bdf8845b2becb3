using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// The JSON of messages whose Go type marshals itself (see <see cref="WellKnownType"/>), read from
/// their protobuf form the way apimachinery's hand-written Unmarshal methods read it.
/// </summary>
internal static class WellKnownTypes
{
    public static readonly IReadOnlyDictionary<string, WellKnownType> ByName = new Dictionary<string, WellKnownType>
    {
        ["meta.Time"] = WellKnownType.Time,
        ["meta.MicroTime"] = WellKnownType.MicroTime,
        ["meta.Duration"] = WellKnownType.Duration,
        ["meta.FieldsV1"] = WellKnownType.FieldsV1,
        ["resource.Quantity"] = WellKnownType.Quantity,
        ["intstr.IntOrString"] = WellKnownType.IntOrString,
        ["runtime.RawExtension"] = WellKnownType.RawExtension,
    };

    /// <summary>Go's zero time, 0001-01-01T00:00:00Z, in Unix seconds: metav1 writes it as JSON null.</summary>
    private const long ZeroTimeSeconds = -62135596800;

    public static JsonNode? Convert(WellKnownType type, ReadOnlySpan<byte> data, int offset) => type switch
    {
        WellKnownType.Time => Time(data, offset),
        WellKnownType.MicroTime => MicroTime(data, offset),
        WellKnownType.Duration => JsonValue.Create(GoDuration.Format(ReadVarintField(data, offset, 1, "Duration.duration"))),
        WellKnownType.Quantity => Quantity(data, offset),
        WellKnownType.IntOrString => IntOrString(data, offset),
        WellKnownType.RawExtension => RawExtension(data, offset),
        WellKnownType.FieldsV1 => FieldsV1(data, offset),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static JsonNode? Time(ReadOnlySpan<byte> data, int offset)
    {
        var (seconds, _) = ReadTimestamp(data, offset);
        // metav1.Time keeps whole seconds only: its Unmarshal drops nanos to match its JSON form.
        return seconds == ZeroTimeSeconds
            ? null
            : JsonValue.Create(UnixTime(seconds, 0, offset).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static JsonNode? MicroTime(ReadOnlySpan<byte> data, int offset)
    {
        var (seconds, nanos) = ReadTimestamp(data, offset);
        // Go truncates towards zero to microseconds, then time.Unix carries whole seconds over.
        var micros = (long)nanos / 1000;
        seconds += Math.DivRem(micros, 1_000_000, out micros);
        if (micros < 0)
        {
            seconds--;
            micros += 1_000_000;
        }
        return seconds == ZeroTimeSeconds && micros == 0
            ? null
            : JsonValue.Create(UnixTime(seconds, micros, offset).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>Reads a Timestamp; an empty message is Go's zero time, as metav1's Unmarshal decides.</summary>
    private static (long Seconds, int Nanos) ReadTimestamp(ReadOnlySpan<byte> data, int offset)
    {
        if (data.IsEmpty)
        {
            return (ZeroTimeSeconds, 0);
        }
        long seconds = 0;
        var nanos = 0;
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            switch (number)
            {
                case 1: seconds = (long)ReadVarint(ref reader, type, "Timestamp.seconds"); break;
                case 2: nanos = (int)ReadVarint(ref reader, type, "Timestamp.nanos"); break;
                default: reader.Skip(number, type); break;
            }
        }
        return (seconds, nanos);
    }

    private static DateTime UnixTime(long seconds, long micros, int offset)
    {
        const long MinSeconds = ZeroTimeSeconds;
        const long MaxSeconds = 253402300799; // 9999-12-31T23:59:59Z, the last instant RFC 3339 can write
        if (seconds < MinSeconds || seconds > MaxSeconds)
        {
            throw WireReader.Malformed(offset, $"timestamp {seconds} is outside years 1 to 9999");
        }
        return DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(micros * 10);
    }

    private static JsonNode Quantity(ReadOnlySpan<byte> data, int offset)
    {
        // Passed through as sent: kubectl writes the canonical form, and the JSON path does not
        // canonicalize either, so both paths store the same text.
        var text = "0";
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            if (number == 1)
            {
                text = ReadString(ref reader, type, "Quantity.string");
            }
            else
            {
                reader.Skip(number, type);
            }
        }
        return JsonValue.Create(text);
    }

    private static JsonNode IntOrString(ReadOnlySpan<byte> data, int offset)
    {
        long kind = 0;
        var intValue = 0;
        var stringValue = "";
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            switch (number)
            {
                case 1: kind = (long)ReadVarint(ref reader, type, "IntOrString.type"); break;
                case 2: intValue = (int)ReadVarint(ref reader, type, "IntOrString.intVal"); break;
                case 3: stringValue = ReadString(ref reader, type, "IntOrString.strVal"); break;
                default: reader.Skip(number, type); break;
            }
        }
        return kind switch
        {
            0 => JsonValue.Create(intValue),
            1 => JsonValue.Create(stringValue),
            _ => throw WireReader.Malformed(offset, $"IntOrString has type {kind}; only 0 (int) and 1 (string) exist"),
        };
    }

    private static JsonNode? RawExtension(ReadOnlySpan<byte> data, int offset)
    {
        var raw = ReadBytesField(data, offset, "RawExtension.raw", out var rawOffset);
        if (raw.IsEmpty)
        {
            return null;
        }
        // An object embedded by a protobuf client is itself a k8s\0 envelope; by a JSON client, JSON.
        return KubernetesProtobuf.HasMagic(raw)
            ? KubernetesProtobuf.Decode(raw, rawOffset)
            : ParseJson(raw, rawOffset, "RawExtension");
    }

    private static JsonNode? FieldsV1(ReadOnlySpan<byte> data, int offset)
    {
        var raw = ReadBytesField(data, offset, "FieldsV1.Raw", out var rawOffset);
        return raw.IsEmpty ? null : ParseJson(raw, rawOffset, "FieldsV1");
    }

    private static JsonNode? ParseJson(ReadOnlySpan<byte> raw, int offset, string what)
    {
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw WireReader.Malformed(offset, $"{what} does not hold JSON: {e.Message}");
        }
    }

    private static long ReadVarintField(ReadOnlySpan<byte> data, int offset, int wanted, string what)
    {
        long value = 0;
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            if (number == wanted)
            {
                value = (long)ReadVarint(ref reader, type, what);
            }
            else
            {
                reader.Skip(number, type);
            }
        }
        return value;
    }

    /// <summary>The bytes of field 1 (the only field of RawExtension and FieldsV1), or empty.</summary>
    private static ReadOnlySpan<byte> ReadBytesField(ReadOnlySpan<byte> data, int offset, string what, out int rawOffset)
    {
        ReadOnlySpan<byte> raw = default;
        rawOffset = offset;
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            if (number == 1)
            {
                ExpectWireType(ref reader, type, WireType.LengthDelimited, what);
                raw = reader.ReadLengthDelimited(out rawOffset);
            }
            else
            {
                reader.Skip(number, type);
            }
        }
        return raw;
    }

    private static ulong ReadVarint(ref WireReader reader, WireType type, string what)
    {
        ExpectWireType(ref reader, type, WireType.Varint, what);
        return reader.ReadVarint();
    }

    private static string ReadString(ref WireReader reader, WireType type, string what)
    {
        ExpectWireType(ref reader, type, WireType.LengthDelimited, what);
        return Encoding.UTF8.GetString(reader.ReadLengthDelimited(out _));
    }

    internal static void ExpectWireType(ref WireReader reader, WireType actual, WireType expected, string what)
    {
        if (actual != expected)
        {
            throw reader.Malformed($"{what} has wire type {(int)actual}, expected {(int)expected}");
        }
    }
}
