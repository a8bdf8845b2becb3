using System.Text;
using System.Text.RegularExpressions;

namespace ActorOrchestrator.Api.Manifests;

/// <summary>
/// Decides how <see cref="YamlWriter"/> spells a string so that it reads back as the same string,
/// quoting only when needed, the way kubectl's output does: double quotes for text that would
/// otherwise read as another type (<c>"true"</c>, <c>"123"</c>, <c>""</c>) or needs escapes, single
/// quotes for text YAML syntax forbids unquoted (<c>'a: b'</c>), a literal block for multi-line text.
/// </summary>
internal static partial class YamlScalarStyle
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    // go-yaml resolves these as timestamps and base-60 numbers; kubectl quotes them, and so do we,
    // so that tools reading our YAML with go-yaml see the same strings.
    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?$")]
    private static partial Regex TimestampLike();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")]
    private static partial Regex Base60Like();

    /// <summary>The scalar text as it should appear after <c>key: </c> or <c>- </c> (block scalars excluded).</summary>
    public static string Inline(string value)
    {
        if (NeedsEscapes(value) || ReadsAsAnotherType(value)) return DoubleQuoted(value);
        return CanBePlain(value) ? value : SingleQuoted(value);
    }

    /// <summary>Whether the string is best written as a <c>|</c> block: it has line breaks and nothing a block cannot hold.</summary>
    public static bool PrefersLiteralBlock(string value)
    {
        if (!value.Contains('\n') || value.Contains('\r')) return false;
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\t')) return false;
        // Indentation is detected from the first non-empty line, so it may not start with white space.
        var firstContent = value.Split('\n').FirstOrDefault(l => l.Length > 0);
        return firstContent is not null && firstContent[0] is not ' ' and not '\t';
    }

    /// <summary>The header (<c>|</c>, <c>|-</c> or <c>|+</c>) and content lines of a literal block.</summary>
    public static (string Header, IReadOnlyList<string> Lines) LiteralBlock(string value)
    {
        var trailingBreaks = value.Length - value.TrimEnd('\n').Length;
        var header = trailingBreaks switch { 0 => "|-", 1 => "|", _ => "|+" };
        var body = trailingBreaks == 0 ? value : value[..^1];
        return (header, body.Split('\n'));
    }

    private static bool ReadsAsAnotherType(string value)
    {
        try
        {
            var resolved = YamlScalarResolver.ResolvePlain(value, 0, 0);
            if (resolved is null || resolved.GetValueKind() != System.Text.Json.JsonValueKind.String) return true;
        }
        catch (ManifestSyntaxException)
        {
            return true; // .inf, .nan: not even JSON
        }
        return TimestampLike().IsMatch(value) || Base60Like().IsMatch(value);
    }

    private static bool CanBePlain(string value)
    {
        if (value.Length == 0) return false;
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) return false;
        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal)) return false;
        if (value == "<<") return false; // the merge key
        var first = value[0];
        if (Indicators.Contains(first))
        {
            // "-v" and "--flag" are plain; "- x", "-" and "[x" are not. YAML also allows "?x" and ":x",
            // but not every parser agrees, so those are quoted.
            var allowedWithNext = first == '-' && value.Length > 1 && value[1] != ' ';
            if (!allowedWithNext) return false;
        }
        // An indicator after a space (" #" starts a comment, " *" an alias for some parsers) is quoted.
        for (var i = value.IndexOf(' '); i >= 0; i = value.IndexOf(' ', i + 1))
        {
            if (i + 1 < value.Length && Indicators.Contains(value[i + 1])) return false;
        }
        // A colon is only safe before a letter, digit or slash ("nginx:1.27", "http://x"); ": " starts a
        // value, and parsers disagree about the rest.
        for (var i = value.IndexOf(':'); i >= 0; i = value.IndexOf(':', i + 1))
        {
            if (i == value.Length - 1 || !(char.IsAsciiLetterOrDigit(value[i + 1]) || value[i + 1] == '/')) return false;
        }
        return !value.Contains('\t');
    }

    /// <summary>Control characters, lone surrogates and a few invisible code points only survive inside double quotes.</summary>
    private static bool NeedsEscapes(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++; // a pair (an emoji, say) is an ordinary character
                continue;
            }
            if (NeedsEscape(c)) return true;
        }
        return false;
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\uFEFF' or '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF';

    private static string SingleQuoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case '\r': text.Append("\\r"); break;
                case '\0': text.Append("\\0"); break;
                case var h when char.IsHighSurrogate(h) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    text.Append(h).Append(value[++i]);
                    break;
                case var other when NeedsEscape(other):
                    text.Append("\\u").Append(((int)other).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }
}
