using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Api.Selectors;

/// <summary>
/// Parses the string form of a label selector with Kubernetes' grammar and error wording
/// (k8s.io/apimachinery/pkg/labels):
/// <code>
/// selector    ::= requirement ("," requirement)*
/// requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUE ("," VALUE)* ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
/// </code>
/// Commas inside parentheses separate values, not requirements; blanks between tokens are ignored;
/// <c>in</c> and <c>notin</c> are keywords only where an operator is expected.
/// </summary>
internal sealed class LabelSelectorParser
{
    private enum Token { End, Identifier, In, NotIn, OpenParen, CloseParen, Comma, Not, Equals, DoubleEquals, NotEquals, GreaterThan, LessThan }

    private readonly List<(Token Kind, string Text)> _tokens;
    private int _position;

    private LabelSelectorParser(string text) => _tokens = Lex(text);

    public static List<Requirement> Parse(string text) => new LabelSelectorParser(text).ParseSelector();

    private List<Requirement> ParseSelector()
    {
        var requirements = new List<Requirement>();
        while (true)
        {
            var (kind, text) = Peek(asValue: true);
            switch (kind)
            {
                case Token.Identifier or Token.Not:
                    requirements.Add(ParseRequirement());
                    var (next, nextText) = Next(asValue: true);
                    if (next == Token.End) return requirements;
                    if (next != Token.Comma) throw Error($"found '{nextText}', expected: ',' or 'end of string'", wrap: false);
                    var (after, afterText) = Peek(asValue: true);
                    if (after is not Token.Identifier and not Token.Not) throw Error($"found '{afterText}', expected: identifier after ','", wrap: false);
                    break;
                case Token.End:
                    return requirements;
                default:
                    throw Error($"found '{text}', expected: !, identifier, or 'end of string'", wrap: false);
            }
        }
    }

    private Requirement ParseRequirement()
    {
        var (kind, key) = Next(asValue: true);
        var negated = kind == Token.Not;
        if (negated) (kind, key) = Next(asValue: true);
        if (kind != Token.Identifier) throw Error($"found '{key}', expected: identifier");

        var (following, _) = Peek(asValue: true);
        if (negated) return Requirement.Create(key, SelectorOperator.DoesNotExist, []);
        if (following is Token.End or Token.Comma) return Requirement.Create(key, SelectorOperator.Exists, []);

        var (opToken, opText) = Next(asValue: false);
        var op = opToken switch
        {
            Token.In => SelectorOperator.In,
            Token.NotIn => SelectorOperator.NotIn,
            Token.Equals => SelectorOperator.Equals,
            Token.DoubleEquals => SelectorOperator.DoubleEquals,
            Token.NotEquals => SelectorOperator.NotEquals,
            Token.GreaterThan => SelectorOperator.GreaterThan,
            Token.LessThan => SelectorOperator.LessThan,
            _ => throw Error($"found '{opText}', expected: in, notin, =, ==, !=, gt, lt"),
        };
        var values = op is SelectorOperator.In or SelectorOperator.NotIn ? ParseValueSet() : ParseExactValue();
        return Requirement.Create(key, op, values);
    }

    /// <summary>"(a,b)"; "()" and empty slots such as "(a,)" stand for the empty string, as in Kubernetes.</summary>
    private List<string> ParseValueSet()
    {
        var (open, openText) = Next(asValue: true);
        if (open != Token.OpenParen) throw Error($"found '{openText}' expected: '('");
        var values = new List<string>();
        var (first, firstText) = Peek(asValue: true);
        if (first == Token.CloseParen)
        {
            Next(asValue: true);
            return [""];
        }
        if (first is not Token.Identifier and not Token.Comma) throw Error($"found '{firstText}', expected: ',', ')' or identifier");

        while (true)
        {
            var (kind, text) = Next(asValue: true);
            if (kind == Token.Identifier)
            {
                values.Add(text);
                var (after, afterText) = Peek(asValue: true);
                if (after == Token.Comma) continue;
                if (after == Token.CloseParen) break;
                throw Error($"found '{afterText}', expected: ',' or ')'");
            }
            if (kind != Token.Comma) throw Error($"found '{text}', expected: ',', or identifier");
            if (values.Count == 0) values.Add("");
            var (next, _) = Peek(asValue: true);
            if (next is Token.CloseParen or Token.Comma) values.Add("");
            if (next == Token.CloseParen) break;
        }
        Next(asValue: true); // the ')'
        return values;
    }

    private List<string> ParseExactValue()
    {
        var (kind, _) = Peek(asValue: true);
        if (kind is Token.End or Token.Comma) return [""];
        var (valueKind, text) = Next(asValue: true);
        return valueKind == Token.Identifier ? [text] : throw Error($"found '{text}', expected: identifier");
    }

    /// <summary>Where a value is expected, the keywords <c>in</c> and <c>notin</c> are plain words.</summary>
    private (Token Kind, string Text) Peek(bool asValue)
    {
        var token = _tokens[_position];
        return asValue && token.Kind is Token.In or Token.NotIn ? (Token.Identifier, token.Text) : token;
    }

    private (Token Kind, string Text) Next(bool asValue)
    {
        var token = Peek(asValue);
        if (_position < _tokens.Count - 1) _position++;
        return token;
    }

    private static ApiException Error(string message, bool wrap = true) =>
        ApiException.BadRequest(wrap ? "unable to parse requirement: " + message : message);

    private static List<(Token, string)> Lex(string text)
    {
        var tokens = new List<(Token, string)>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n') i++;
            if (i >= text.Length)
            {
                tokens.Add((Token.End, ""));
                return tokens;
            }
            if (IsSpecial(text[i]))
            {
                // Longest match: "==" and "!=" before "=" and "!".
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "==" or "!=")
                {
                    tokens.Add((two == "==" ? Token.DoubleEquals : Token.NotEquals, two));
                    i += 2;
                    continue;
                }
                tokens.Add((text[i] switch
                {
                    '=' => Token.Equals,
                    '!' => Token.Not,
                    '(' => Token.OpenParen,
                    ')' => Token.CloseParen,
                    ',' => Token.Comma,
                    '>' => Token.GreaterThan,
                    _ => Token.LessThan,
                }, text[i].ToString()));
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && !IsSpecial(text[i]) && text[i] is not (' ' or '\t' or '\r' or '\n')) i++;
            var word = text[start..i];
            tokens.Add((word switch { "in" => Token.In, "notin" => Token.NotIn, _ => Token.Identifier }, word));
        }
    }

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
