using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Api.Validation;

/// <summary>
/// Object name rules with Kubernetes' exact messages, e.g. <c>a lowercase RFC 1123 subdomain must
/// consist of lower case alphanumeric characters, '-' or '.', and must start and end with an
/// alphanumeric character (e.g. 'example.com', regex used for validation is '...')</c>.
/// </summary>
public static partial class NameValidation
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int Dns1035LabelMaxLength = 63;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";

    private const string Dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    [GeneratedRegex("^" + Dns1123LabelFormat + "$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^" + Dns1035LabelFormat + "$")]
    private static partial Regex Dns1035Label();

    /// <summary>Problems with a DNS-1123 subdomain (empty when valid).</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength) errors.Add(ValidationMessages.MaxLength(Dns1123SubdomainMaxLength));
        if (!Dns1123Subdomain().IsMatch(value)) errors.Add(ValidationMessages.Regex(Dns1123SubdomainMessage, Dns1123SubdomainFormat, "example.com"));
        return errors;
    }

    /// <summary>Problems with a DNS-1123 label (empty when valid).</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123LabelMaxLength) errors.Add(ValidationMessages.MaxLength(Dns1123LabelMaxLength));
        if (!Dns1123Label().IsMatch(value))
        {
            // A valid subdomain that is not a valid label (length already checked) can only have dots.
            errors.Add(Dns1123Subdomain().IsMatch(value)
                ? "must not contain dots"
                : ValidationMessages.Regex(Dns1123LabelMessage, Dns1123LabelFormat, "my-name", "123-abc"));
        }
        return errors;
    }

    /// <summary>Problems with a DNS-1035 label (empty when valid).</summary>
    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1035LabelMaxLength) errors.Add(ValidationMessages.MaxLength(Dns1035LabelMaxLength));
        if (!Dns1035Label().IsMatch(value)) errors.Add(ValidationMessages.Regex(Dns1035LabelMessage, Dns1035LabelFormat, "my-name", "abc-123"));
        return errors;
    }

    /// <summary>
    /// Checks a name, or with <paramref name="isPrefix"/> a <c>generateName</c> prefix, whose trailing
    /// dash is allowed because random characters will follow it (Kubernetes masks it the same way).
    /// </summary>
    public static IReadOnlyList<string> Validate(string name, NameRule rule, bool isPrefix = false)
    {
        if (isPrefix && name.EndsWith('-')) name = name[..^1] + "a";
        return rule switch
        {
            NameRule.Dns1123Label => IsDns1123Label(name),
            NameRule.Dns1035Label => IsDns1035Label(name),
            _ => IsDns1123Subdomain(name),
        };
    }

    /// <summary>The rule Kubernetes applies to names of this kind.</summary>
    public static NameRule RuleFor(ResourceType type) => RuleFor(type.Kind);

    public static NameRule RuleFor(string kind) => kind switch
    {
        "Namespace" => NameRule.Dns1123Label,
        "Service" => NameRule.Dns1035Label,
        _ => NameRule.Dns1123Subdomain,
    };

    /// <summary>
    /// Causes for <c>metadata.name</c> and <c>metadata.generateName</c> of an object about to be
    /// created (run after a generated name has been filled in).
    /// </summary>
    public static IReadOnlyList<StatusCause> ValidateObjectName(JsonObject obj, ResourceType type)
    {
        var rule = RuleFor(type);
        var meta = obj["metadata"] as JsonObject;
        var causes = new List<StatusCause>();
        var generateName = meta?.GetString("generateName");
        if (!string.IsNullOrEmpty(generateName))
        {
            causes.AddRange(Validate(generateName, rule, isPrefix: true)
                .Select(m => Invalid("metadata.generateName", generateName, m)));
        }
        var name = meta?.GetString("name");
        if (string.IsNullOrEmpty(name))
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        }
        else
        {
            causes.AddRange(Validate(name, rule).Select(m => Invalid("metadata.name", name, m)));
        }
        return causes;
    }

    private static StatusCause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", ValidationMessages.InvalidValue(value, detail), field);
}
