using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>Reads and replaces entries of a status' <c>conditions</c> list, keeping the others in order.</summary>
public static class StatusConditions
{
    public static JsonObject? Find(JsonNode? status, string type) =>
        status.Objects("conditions").FirstOrDefault(c => c.Text("type") == type);

    /// <summary>Replaces the condition of the same type (appended at the end, as Kubernetes' SetCondition does).</summary>
    public static void Put(JsonObject status, JsonObject condition)
    {
        Remove(status, condition.Text("type"));
        if (status["conditions"] is not JsonArray list) status["conditions"] = list = [];
        list.Add(condition);
    }

    public static void Remove(JsonObject status, string type)
    {
        if (status["conditions"] is not JsonArray list) return;
        foreach (var c in list.OfType<JsonObject>().Where(c => c.Text("type") == type).ToList()) list.Remove(c);
        if (list.Count == 0) status.Remove("conditions");
    }

    public static bool IsTrue(JsonNode? status, string type) => Find(status, type)?.Text("status") == "True";

    public static JsonObject Make(string type, string status, string? reason, string? message, DateTimeOffset now, params string[] timeFields)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status };
        foreach (var field in timeFields) condition[field] = Timestamps.Format(now);
        if (!string.IsNullOrEmpty(reason)) condition["reason"] = reason;
        if (!string.IsNullOrEmpty(message)) condition["message"] = message;
        return condition;
    }
}
