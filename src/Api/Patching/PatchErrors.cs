using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Api.Patching;

/// <summary>
/// The two ways a patch is refused, as the Kubernetes API server refuses them: 400 when the patch
/// itself is malformed, 422 when it is well-formed but cannot apply to this object.
/// </summary>
internal static class PatchErrors
{
    /// <summary>A malformed patch document (wrong shape, bad directive format).</summary>
    public static ApiException Malformed(string message) => ApiException.BadRequest(message);

    /// <summary>
    /// A patch that does not apply (missing path, failed test). Kubernetes answers 422 "Invalid"
    /// with a generic message; the detail travels as a cause on <c>patch</c> so kubectl shows it.
    /// </summary>
    public static ApiException DoesNotApply(string detail) =>
        new(422, "Invalid", "the server rejected our request due to an error in our request",
            causes: [new StatusCause("FieldValueInvalid", detail, "patch")]);
}
