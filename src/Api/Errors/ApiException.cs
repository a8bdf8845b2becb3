using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Errors;

/// <summary>
/// A request the API refuses, carrying everything a Kubernetes <c>Status</c> needs. Thrown wherever
/// the refusal is decided (Gateway or grain) and turned into the HTTP answer in one place.
/// </summary>
[GenerateSerializer]
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, string? kind = null, string? name = null,
        IReadOnlyList<StatusCause>? causes = null, int? retryAfterSeconds = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Kind = kind;
        Name = name;
        Causes = causes ?? [];
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>The HTTP status code.</summary>
    [Id(0)] public int Code { get; }

    /// <summary>The Kubernetes <c>StatusReason</c>: NotFound, AlreadyExists, Conflict, Invalid, ...</summary>
    [Id(1)] public string Reason { get; }

    /// <summary>The resource (plural) the refusal is about, as <c>details.kind</c>.</summary>
    [Id(2)] public string? Kind { get; }

    [Id(3)] public string? Name { get; }

    [Id(4)] public IReadOnlyList<StatusCause> Causes { get; }

    [Id(5)] public int? RetryAfterSeconds { get; }

    /// <summary>The message for <c>Status.message</c>; computed, so not serialized separately.</summary>
    public string StatusMessage => Message;

    public static ApiException NotFound(string resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found", resource, name);

    public static ApiException AlreadyExists(string resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists", resource, name);

    /// <summary>A write based on a stale copy: the client should read again and retry.</summary>
    public static ApiException Conflict(string resource, string name, string why) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {resource} \"{name}\": {why}", resource, name);

    public static ApiException StaleObject(string resource, string name) =>
        Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>422: the object is well-formed but not acceptable.</summary>
    public static ApiException Invalid(string kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var summary = string.Join(", ", causes.Select(c => c.Field is null ? c.Message : $"{c.Field}: {c.Message}"));
        return new(422, "Invalid", $"{kind} \"{name}\" is invalid: {summary}", kind, name, causes);
    }

    public static ApiException Invalid(string kind, string name, string field, string message) =>
        Invalid(kind, name, [new StatusCause("FieldValueInvalid", message, field)]);

    public static ApiException BadRequest(string message, IReadOnlyList<StatusCause>? causes = null) =>
        new(400, "BadRequest", message, causes: causes);

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException TooLarge(string message) => new(413, "RequestEntityTooLarge", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/apply-patch+yaml, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got \"{contentType}\")");

    public static ApiException Forbidden(string resource, string name, string why) =>
        new(403, "Forbidden", $"{resource} \"{name}\" is forbidden: {why}", resource, name);

    /// <summary>The control plane cannot answer now; the client should retry after a moment.</summary>
    public static ApiException Unavailable(string message, int retryAfterSeconds = 1) =>
        new(503, "ServiceUnavailable", message, retryAfterSeconds: retryAfterSeconds);

    public static ApiException Internal(string message) => new(500, "InternalError", message);

    /// <summary>The Kubernetes <c>Status</c> object describing this refusal.</summary>
    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Kind, Name, Causes, RetryAfterSeconds);
}
