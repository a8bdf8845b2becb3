using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Api.Selectors;

/// <summary>
/// A field selector (<c>fieldSelector</c> query parameter): terms such as
/// <c>metadata.name=web,status.phase!=Failed</c> that must all hold. Values may be empty, and
/// <c>\,</c>, <c>\=</c>, <c>\\</c> escape the syntax characters as in Kubernetes. Which fields a
/// resource supports is <see cref="SelectableFields"/>' business.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] Operators = ["!=", "==", "="];

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>Parses the query form; null or blank selects everything.</summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitTerms(text))
        {
            requirements.Add(ParseTerm(term) ??
                throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{term}'"));
        }
        return new FieldSelector(requirements);
    }

    /// <summary>Whether the object satisfies every term, reading fields with <see cref="SelectableFields.ValueOf"/>.</summary>
    public bool Matches(JsonObject obj) => Requirements.All(r => r.Matches(SelectableFields.ValueOf(obj, r.Field)));

    /// <summary>
    /// The value an equality term pins the field to, if any: lets a store answer
    /// <c>metadata.name=x</c> with a lookup instead of a scan.
    /// </summary>
    public string? ExactValue(string field) =>
        Requirements.FirstOrDefault(r => r.Field == field && r.Operator != FieldOperator.NotEquals)?.Value;

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Splits on commas that are not escaped; the escapes stay for <see cref="ParseTerm"/>.</summary>
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }
        terms.Add(text[start..]);
        return terms;
    }

    /// <summary>Splits a term at its first unescaped operator (<c>!=</c> before <c>==</c> before <c>=</c>).</summary>
    private static FieldRequirement? ParseTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(term, i, op, 0, op.Length) != 0) continue;
                var field = Unescape(term[..i]).Trim();
                var value = Unescape(term[(i + op.Length)..]);
                var kind = op switch { "!=" => FieldOperator.NotEquals, "==" => FieldOperator.DoubleEquals, _ => FieldOperator.Equals };
                return field.Length == 0 ? null : new FieldRequirement(field, kind, value);
            }
        }
        return null;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\')) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length) i++;
            result.Append(text[i]);
        }
        return result.ToString();
    }
}
