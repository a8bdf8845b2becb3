using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Api.Objects;

/// <summary>What the <c>fieldValidation</c> query parameter asks the server to do with unknown fields.</summary>
public enum FieldValidation
{
    /// <summary>Drop unknown fields silently.</summary>
    Ignore,

    /// <summary>Accept the object and report each unknown field as a <c>Warning</c> header (the server default).</summary>
    Warn,

    /// <summary>Refuse the object with 400 when it has unknown fields (kubectl's default).</summary>
    Strict,
}

public static class FieldValidationDirective
{
    /// <summary>Reads the query parameter; absent means <see cref="FieldValidation.Warn"/>, as in Kubernetes.</summary>
    public static FieldValidation Parse(string? value) => value switch
    {
        null or "" => FieldValidation.Warn,
        "Ignore" => FieldValidation.Ignore,
        "Warn" => FieldValidation.Warn,
        "Strict" => FieldValidation.Strict,
        _ => throw ApiException.BadRequest($"fieldValidation parameter unsupported: {value}"),
    };
}
