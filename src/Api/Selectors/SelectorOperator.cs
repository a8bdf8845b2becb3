namespace ActorOrchestrator.Api.Selectors;

/// <summary>The relations a label selector requirement can state (Kubernetes <c>selection.Operator</c>).</summary>
public enum SelectorOperator
{
    /// <summary><c>key=value</c>: the label is present with that value.</summary>
    Equals,

    /// <summary><c>key==value</c>: same meaning as <see cref="Equals"/>, kept so the selector prints back as written.</summary>
    DoubleEquals,

    /// <summary><c>key!=value</c>: the label is absent or has another value.</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>: the label is present with one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: the label is absent or has none of the values.</summary>
    NotIn,

    /// <summary><c>key</c>: the label is present.</summary>
    Exists,

    /// <summary><c>!key</c>: the label is absent.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;5</c>: the label is present and, read as an integer, greater.</summary>
    GreaterThan,

    /// <summary><c>key&lt;5</c>: the label is present and, read as an integer, smaller.</summary>
    LessThan,
}
