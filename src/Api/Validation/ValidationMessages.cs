namespace ActorOrchestrator.Api.Validation;

/// <summary>
/// The message fragments Kubernetes 1.32 uses (k8s.io/apimachinery/pkg/util/validation), word for
/// word, because users and scripts match on them.
/// </summary>
internal static class ValidationMessages
{
    public static string MaxLength(int length) => $"must be no more than {length} characters";

    public const string Empty = "must be non-empty";

    /// <summary>
    /// Kubernetes' <c>RegexError</c>, including its quirk: every example is followed by ", " and
    /// joined with " or ", which gives "(e.g. 'my-name',  or '123-abc', regex ...)".
    /// </summary>
    public static string Regex(string message, string regex, params string[] examples)
    {
        if (examples.Length == 0) return $"{message} (regex used for validation is '{regex}')";
        var quoted = string.Join(" or ", examples.Select(e => $"'{e}', "));
        return $"{message} (e.g. {quoted}regex used for validation is '{regex}')";
    }

    /// <summary>A <c>field.Invalid</c> body: <c>Invalid value: "x": detail</c>.</summary>
    public static string InvalidValue(string value, string detail) => $"Invalid value: {Quote(value)}: {detail}";

    /// <summary>Go's <c>%q</c> for the strings these messages quote.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
