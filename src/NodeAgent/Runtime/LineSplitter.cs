using System.Text;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// Turns a byte stream arriving in arbitrary chunks into lines: UTF-8 characters and lines may be
/// split across chunks; a last line without a newline comes out on <see cref="Flush"/>.
/// </summary>
internal sealed class LineSplitter
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _pending = new();
    private char[] _chars = new char[1024];

    public void Push(ReadOnlySpan<byte> bytes, List<string> lines)
    {
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }
        var count = _decoder.GetChars(bytes, _chars, flush: false);
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            if (_chars[i] != '\n')
            {
                continue;
            }
            _pending.Append(_chars, start, i - start);
            lines.Add(TrimCarriageReturn(_pending.ToString()));
            _pending.Clear();
            start = i + 1;
        }
        _pending.Append(_chars, start, count - start);
    }

    /// <summary>The unterminated last line, if any.</summary>
    public string? Flush()
    {
        if (_pending.Length == 0)
        {
            return null;
        }
        var line = TrimCarriageReturn(_pending.ToString());
        _pending.Clear();
        return line;
    }

    private static string TrimCarriageReturn(string line) => line.EndsWith('\r') ? line[..^1] : line;
}
