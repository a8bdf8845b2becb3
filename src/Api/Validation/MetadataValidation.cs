using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Api.Validation;

/// <summary>
/// Label and annotation rules with Kubernetes' messages, reported as <see cref="StatusCause"/>s whose
/// field is <c>metadata.labels</c> or <c>metadata.annotations</c> and whose message is the
/// <c>field.Invalid</c> body (<c>Invalid value: "key": ...</c>).
/// </summary>
public static partial class MetadataValidation
{
    public const int LabelValueMaxLength = 63;
    public const int QualifiedNameMaxLength = 63;

    /// <summary>Total bytes of annotation keys plus values an object may carry (256 KiB).</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^" + QualifiedNameFormat + "$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + LabelValueFormat + "$")]
    private static partial Regex LabelValue();

    /// <summary>
    /// Problems with a label key ("qualified name"): an optional DNS subdomain prefix and '/', then a
    /// name of at most 63 characters. Empty when valid.
    /// </summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0) errors.Add("prefix part " + ValidationMessages.Empty);
                else errors.AddRange(NameValidation.IsDns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                break;
            default:
                return ["a qualified name " + ValidationMessages.Regex(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc") +
                        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }
        if (name.Length == 0) errors.Add("name part " + ValidationMessages.Empty);
        else if (name.Length > QualifiedNameMaxLength) errors.Add("name part " + ValidationMessages.MaxLength(QualifiedNameMaxLength));
        if (!QualifiedName().IsMatch(name))
        {
            errors.Add("name part " + ValidationMessages.Regex(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /// <summary>Problems with a label value: empty, or at most 63 characters of the label charset.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelValueMaxLength) errors.Add(ValidationMessages.MaxLength(LabelValueMaxLength));
        if (!LabelValue().IsMatch(value)) errors.Add(ValidationMessages.Regex(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        return errors;
    }

    /// <summary>One cause per problem with a key or a value.</summary>
    public static IReadOnlyList<StatusCause> ValidateLabels(IReadOnlyDictionary<string, string> labels, string field = "metadata.labels")
    {
        var causes = new List<StatusCause>();
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            causes.AddRange(IsQualifiedName(key).Select(m => Invalid(field, key, m)));
            causes.AddRange(IsValidLabelValue(value).Select(m => Invalid(field, value, m)));
        }
        return causes;
    }

    /// <summary>
    /// Annotation keys follow the label key rule, case-insensitively; keys and values together may
    /// not exceed 256 KiB.
    /// </summary>
    public static IReadOnlyList<StatusCause> ValidateAnnotations(IReadOnlyDictionary<string, string> annotations, string field = "metadata.annotations")
    {
        var causes = new List<StatusCause>();
        foreach (var key in annotations.Keys.Order(StringComparer.Ordinal))
        {
            causes.AddRange(IsQualifiedName(key.ToLowerInvariant()).Select(m => Invalid(field, key, m)));
        }
        if (AnnotationsSize(annotations) > TotalAnnotationSizeLimitBytes)
        {
            causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {TotalAnnotationSizeLimitBytes} bytes", field));
        }
        return causes;
    }

    /// <summary>The size Kubernetes limits: the sum of key and value lengths.</summary>
    public static long AnnotationsSize(IReadOnlyDictionary<string, string> annotations) =>
        annotations.Sum(a => (long)a.Key.Length + a.Value.Length);

    /// <summary>
    /// Labels and annotations of an object, including string-typed checks: a label whose value is
    /// not a string (say <c>true</c> written unquoted in YAML) is reported rather than dropped.
    /// </summary>
    public static IReadOnlyList<StatusCause> ValidateMetadata(JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject;
        var causes = new List<StatusCause>();
        causes.AddRange(NonStringValues(meta?["labels"], "metadata.labels"));
        causes.AddRange(NonStringValues(meta?["annotations"], "metadata.annotations"));
        causes.AddRange(ValidateLabels(ObjectAccess.StringMap(meta?["labels"])));
        causes.AddRange(ValidateAnnotations(ObjectAccess.StringMap(meta?["annotations"])));
        return causes;
    }

    private static IEnumerable<StatusCause> NonStringValues(JsonNode? map, string field)
    {
        if (map is null) yield break;
        if (map is not JsonObject entries)
        {
            yield return new StatusCause("FieldValueInvalid", "Invalid value: must be a map of strings", field);
            yield break;
        }
        foreach (var (key, value) in entries)
        {
            if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String) continue;
            yield return new StatusCause("FieldValueInvalid",
                $"Invalid value: {value?.ToJsonString() ?? "null"}: the value of {ValidationMessages.Quote(key)} must be a string", $"{field}.{key}");
        }
    }

    private static StatusCause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", ValidationMessages.InvalidValue(value, detail), field);
}
