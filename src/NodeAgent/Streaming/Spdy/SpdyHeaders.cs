using System.Buffers.Binary;
using System.Text;

namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// A SPDY name/value header block: names lowercase, one entry per name, several values of a name
/// joined by NUL on the wire. Order is kept, so encoding is deterministic.
/// </summary>
public sealed class SpdyHeaders
{
    public static readonly SpdyHeaders Empty = new([]);

    private readonly List<KeyValuePair<string, IReadOnlyList<string>>> _entries;

    public SpdyHeaders(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> entries)
    {
        _entries = [];
        foreach (var (name, values) in entries)
        {
            Add(name, values);
        }
    }

    public static SpdyHeaders Of(params (string Name, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Name, [p.Value])));

    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Entries => _entries;

    public int Count => _entries.Count;

    /// <summary>The first value of <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? this[string name]
    {
        get
        {
            var lower = name.ToLowerInvariant();
            foreach (var (key, values) in _entries)
            {
                if (key == lower) return values.Count > 0 ? values[0] : "";
            }
            return null;
        }
    }

    private void Add(string name, IReadOnlyList<string> values)
    {
        var lower = name.ToLowerInvariant();
        var index = _entries.FindIndex(e => e.Key == lower);
        if (index < 0)
        {
            _entries.Add(new(lower, [.. values]));
        }
        else
        {
            _entries[index] = new(lower, [.. _entries[index].Value, .. values]);
        }
    }

    /// <summary>The uncompressed block: count, then length-prefixed names and NUL-joined values (32-bit big-endian lengths).</summary>
    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)_entries.Count);
        buffer.Write(word);
        foreach (var (name, values) in _entries)
        {
            WriteString(buffer, name, word);
            WriteString(buffer, string.Join('\0', values), word);
        }
        return buffer.ToArray();
    }

    private static void WriteString(MemoryStream buffer, string text, Span<byte> word)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)bytes.Length);
        buffer.Write(word);
        buffer.Write(bytes);
    }

    /// <summary>Parses an uncompressed block; throws <see cref="SpdyProtocolException"/> when it is malformed.</summary>
    public static SpdyHeaders Decode(ReadOnlySpan<byte> block)
    {
        var reader = new BlockReader(block);
        var count = reader.UInt32();
        if (count > block.Length / 8)
        {
            throw new SpdyProtocolException($"header block claims {count} entries in {block.Length} bytes");
        }
        var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>((int)count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.String();
            if (name.Length == 0) throw new SpdyProtocolException("empty header name");
            var values = reader.String().Split('\0');
            entries.Add(new(name, values));
        }
        if (!reader.AtEnd) throw new SpdyProtocolException("trailing bytes after the header block");
        return new SpdyHeaders(entries);
    }

    public override string ToString() => string.Join(", ", _entries.Select(e => $"{e.Key}: {string.Join('|', e.Value)}"));

    private ref struct BlockReader(ReadOnlySpan<byte> block)
    {
        private readonly ReadOnlySpan<byte> _block = block;
        private int _offset;

        public readonly bool AtEnd => _offset == _block.Length;

        public uint UInt32()
        {
            if (_block.Length - _offset < 4) throw new SpdyProtocolException("truncated header block");
            var value = BinaryPrimitives.ReadUInt32BigEndian(_block[_offset..]);
            _offset += 4;
            return value;
        }

        public string String()
        {
            var length = UInt32();
            if (length > _block.Length - _offset) throw new SpdyProtocolException("header string longer than its block");
            var text = Encoding.UTF8.GetString(_block.Slice(_offset, (int)length));
            _offset += (int)length;
            return text;
        }
    }
}

/// <summary>The peer broke the SPDY framing rules; the connection cannot continue.</summary>
public sealed class SpdyProtocolException(string message) : Exception(message);
