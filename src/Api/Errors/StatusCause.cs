namespace ActorOrchestrator.Api.Errors;

/// <summary>One reason a request was refused, pointing at the field at fault (Kubernetes <c>StatusCause</c>).</summary>
/// <param name="Reason">A machine-readable reason such as <c>FieldValueInvalid</c> or <c>FieldValueRequired</c>.</param>
/// <param name="Message">What is wrong, for a person.</param>
/// <param name="Field">The field path, e.g. <c>metadata.name</c>.</param>
[GenerateSerializer, Immutable]
public sealed record StatusCause(
    [property: Id(0)] string Reason,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Field);
