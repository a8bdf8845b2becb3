using System.Text.Json;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// Splits the resize stream into sizes. kubectl writes one JSON object per resize
/// (<c>{"Width":80,"Height":24}</c>, Go field names); on SPDY an object may arrive in pieces or
/// several in one frame, so bytes are buffered until an object is complete.
/// </summary>
public sealed class TerminalSizeDecoder
{
    /// <summary>A size object is ~30 bytes; anything this long without completing one is garbage.</summary>
    private const int MaxPending = 4096;

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private byte[] _pending = [];

    public IReadOnlyList<TerminalSize> Push(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[_pending.Length + data.Length];
        _pending.CopyTo(buffer, 0);
        data.CopyTo(buffer.AsSpan(_pending.Length));
        var sizes = new List<TerminalSize>();
        var consumed = 0;
        while (consumed < buffer.Length)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(consumed), isFinalBlock: false, state: default);
            try
            {
                if (!reader.Read()) break;
                if (reader.TokenType != JsonTokenType.StartObject || !reader.TrySkip()) break;
            }
            catch (JsonException)
            {
                // Not JSON: drop what we have and resynchronise on the next object.
                consumed = buffer.Length;
                break;
            }
            var end = consumed + (int)reader.BytesConsumed;
            if (Parse(buffer.AsSpan(consumed, end - consumed)) is { } size) sizes.Add(size);
            consumed = end;
        }
        _pending = buffer[consumed..];
        if (_pending.Length > MaxPending) _pending = [];
        return sizes;
    }

    private static TerminalSize? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<WireSize>(json, Options) is { } size ? new TerminalSize(size.Width, size.Height) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record WireSize(ushort Width, ushort Height);
}
