using System.Globalization;
using System.Text;

namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>The status line and headers of an HTTP/1.1 response read off a raw connection, plus any bytes after them.</summary>
public sealed record HttpResponseHead(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Leftover)
{
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>Reads until the blank line; null if the connection ended first. Throws <see cref="InvalidDataException"/> past <paramref name="maxBytes"/>.</summary>
    public static async Task<HttpResponseHead?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(maxBytes, 4096)];
        var received = new MemoryStream();
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0) return null;
            received.Write(buffer, 0, read);
            var bytes = received.GetBuffer().AsSpan(0, (int)received.Length);
            var end = bytes.IndexOf("\r\n\r\n"u8);
            if (end >= 0) return Parse(bytes[..(end + 4)], bytes[(end + 4)..].ToArray());
            if (received.Length > maxBytes) throw new InvalidDataException("response headers too large");
        }
    }

    /// <summary>Parses a complete head (through the blank line).</summary>
    public static HttpResponseHead Parse(ReadOnlySpan<byte> head, byte[] leftover)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new InvalidDataException($"not an HTTP/1.x status line: {lines[0]}");
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new InvalidDataException($"malformed header line: {line}");
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new HttpResponseHead(code, headers, leftover);
    }
}
