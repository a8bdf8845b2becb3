using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Manifests;
using ActorOrchestrator.Api.Protobuf;
using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.Gateway.Http;

/// <summary>Reads request bodies: JSON or YAML, at most 3 MiB, one object unless a list is expected.</summary>
public static class RequestBodies
{
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        if (request.ContentLength is { } length) ManifestReader.EnsureWithinLimit(length);
        return await ManifestReader.ReadBodyAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
    }

    /// <summary>The body as one JSON object (YAML is accepted too, as kube-apiserver accepts it).</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        var bytes = await ReadBytesAsync(request);
        if (bytes.Length == 0) throw ApiException.BadRequest("the request body is empty: send the object as JSON or YAML");
        // kubectl's typed commands (create namespace, create job --from, auth can-i, ...) send protobuf.
        return KubernetesProtobuf.IsProtobuf(request.ContentType) ? KubernetesProtobuf.Decode(bytes) : ManifestReader.ReadSingle(bytes);
    }

    /// <summary>The body as JSON text, for patches: YAML bodies (server-side apply) are converted.</summary>
    public static async Task<JsonNode> ReadPatchAsync(HttpRequest request)
    {
        var bytes = await ReadBytesAsync(request);
        if (bytes.Length == 0) throw ApiException.BadRequest("the patch is empty");
        var trimmed = System.Text.Encoding.UTF8.GetString(bytes).TrimStart();
        if (trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(trimmed) ?? throw ApiException.BadRequest("the patch is null");
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw ApiException.BadRequest("the patch is not valid JSON: " + ex.Message);
            }
        }
        return ManifestReader.ReadSingle(bytes);
    }

    /// <summary>DeleteOptions from the body, if any (kubectl sends them there).</summary>
    public static async Task<JsonObject?> ReadOptionalObjectAsync(HttpRequest request)
    {
        var bytes = await ReadBytesAsync(request);
        if (bytes.Length == 0) return null;
        return KubernetesProtobuf.IsProtobuf(request.ContentType) ? KubernetesProtobuf.Decode(bytes) : ManifestReader.ReadSingle(bytes);
    }
}
