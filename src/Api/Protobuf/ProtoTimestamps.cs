using System.Globalization;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// <c>metav1.Time</c> and <c>metav1.MicroTime</c>: a Timestamp message (seconds = 1, nanos = 2)
/// printed as RFC 3339 in UTC, the way their Unmarshal and MarshalJSON methods do it.
/// </summary>
internal static class ProtoTimestamps
{
    /// <summary>Go's zero time, 0001-01-01T00:00:00Z, in Unix seconds: metav1 writes it as JSON null.</summary>
    private const long ZeroTimeSeconds = -62135596800;

    public static JsonNode? Time(ReadOnlySpan<byte> data, int offset)
    {
        var (seconds, _) = ReadTimestamp(data, offset);
        // metav1.Time keeps whole seconds only: its Unmarshal drops nanos to match its JSON form.
        return seconds == ZeroTimeSeconds
            ? null
            : JsonValue.Create(UnixTime(seconds, 0, offset).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    public static JsonNode? MicroTime(ReadOnlySpan<byte> data, int offset)
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
                case 1: seconds = (long)WireFields.ReadVarint(ref reader, type, "Timestamp.seconds"); break;
                case 2: nanos = (int)WireFields.ReadVarint(ref reader, type, "Timestamp.nanos"); break;
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
}
