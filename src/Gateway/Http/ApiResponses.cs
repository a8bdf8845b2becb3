using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Manifests;
using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.Gateway.Http;

/// <summary>Writes API answers in the format the client negotiated.</summary>
public static class ApiResponses
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";

    public static Task WriteJsonAsync(HttpContext context, int statusCode, string json)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = Json;
        return context.Response.WriteAsync(json, Encoding.UTF8);
    }

    public static Task WriteAsync(HttpContext context, int statusCode, JsonNode body, ResponseFormat format)
    {
        if (format == ResponseFormat.Yaml)
        {
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = Yaml;
            return context.Response.WriteAsync(YamlWriter.ToYaml(body), Encoding.UTF8);
        }
        return WriteJsonAsync(context, statusCode, body.ToJsonString());
    }

    public static Task WriteStatusAsync(HttpContext context, ApiException error)
    {
        if (error.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return WriteJsonAsync(context, error.Code, error.ToStatus().ToJsonString());
    }
}
