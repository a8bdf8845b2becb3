namespace ActorOrchestrator.Api.Selectors;

/// <summary>How a field selector term compares: <c>=</c>, <c>==</c> (same meaning) or <c>!=</c>.</summary>
public enum FieldOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
}

/// <summary>One term of a field selector, such as <c>spec.nodeName=node-1</c> or <c>status.phase!=Failed</c>.</summary>
/// <param name="Field">The field label, e.g. <c>metadata.name</c>.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value compared with; may be empty (<c>spec.nodeName=</c> selects unscheduled pods).</param>
public sealed record FieldRequirement(string Field, FieldOperator Operator, string Value)
{
    /// <summary>Whether the object's value of the field satisfies the term.</summary>
    public bool Matches(string actual) => Operator == FieldOperator.NotEquals ? actual != Value : actual == Value;

    /// <summary>The term as written in a query, with <c>\</c> escapes for the characters the syntax uses.</summary>
    public override string ToString()
    {
        var op = Operator switch { FieldOperator.DoubleEquals => "==", FieldOperator.NotEquals => "!=", _ => "=" };
        return Escape(Field) + op + Escape(Value);
    }

    internal static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
