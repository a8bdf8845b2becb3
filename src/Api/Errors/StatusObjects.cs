using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Errors;

/// <summary>Builds <c>meta.k8s.io/v1 Status</c> objects, the body of every error and of delete answers.</summary>
public static class StatusObjects
{
    public static JsonObject Failure(int code, string reason, string message, string? kind = null, string? name = null,
        IReadOnlyList<StatusCause>? causes = null, int? retryAfterSeconds = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        var details = new JsonObject();
        if (name is not null) details["name"] = name;
        if (kind is not null) details["kind"] = kind;
        if (causes is { Count: > 0 })
        {
            details["causes"] = new JsonArray(causes.Select(c =>
            {
                var cause = new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message };
                if (c.Field is not null) cause["field"] = c.Field;
                return (JsonNode?)cause;
            }).ToArray());
        }
        if (retryAfterSeconds is not null) details["retryAfterSeconds"] = retryAfterSeconds;
        if (details.Count > 0) status["details"] = details;
        status["code"] = code;
        return status;
    }

    public static JsonObject Success(string? kind = null, string? name = null, string? uid = null)
    {
        var details = new JsonObject();
        if (name is not null) details["name"] = name;
        if (kind is not null) details["kind"] = kind;
        if (uid is not null) details["uid"] = uid;
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }
}
