namespace ActorOrchestrator.Store.Reading;

public enum TermOperator
{
    /// <summary>The value is one of <see cref="SelectorTerm.Values"/> (<c>=</c>, <c>==</c>, <c>in</c>).</summary>
    In,
    /// <summary>The key is absent or its value is none of the values (<c>!=</c>, <c>notin</c>).</summary>
    NotIn,
    Exists,
    DoesNotExist,
}

/// <summary>One requirement of a label or field selector, in the form the store turns into SQL.</summary>
public sealed record SelectorTerm(string Key, TermOperator Operator, IReadOnlyList<string> Values)
{
    public static SelectorTerm EqualTo(string key, string value) => new(key, TermOperator.In, [value]);

    public static SelectorTerm NotEqualTo(string key, string value) => new(key, TermOperator.NotIn, [value]);

    /// <summary>Evaluates the term against a map (labels or selectable fields).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> map)
    {
        var present = map.TryGetValue(Key, out var value);
        return Operator switch
        {
            TermOperator.In => present && Values.Contains(value!),
            TermOperator.NotIn => !present || !Values.Contains(value!),
            TermOperator.Exists => present,
            _ => !present,
        };
    }
}
