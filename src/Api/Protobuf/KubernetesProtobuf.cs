using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// Reads request bodies kubectl and client-go send as <c>application/vnd.kubernetes.protobuf</c>
/// into the JSON object the same Go object marshals to, so the rest of the API works on JSON only.
/// Answers stay JSON: clients accept them whatever they sent.
/// </summary>
public static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    /// <summary>The 4-byte prefix of every Kubernetes protobuf body; the last byte names the encoding (0: runtime.Unknown).</summary>
    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Whether a Content-Type header names Kubernetes protobuf, whatever its parameters.</summary>
    public static bool IsProtobuf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Decodes a whole request body: the magic, the <c>runtime.Unknown</c> envelope and the object in
    /// it. The result carries <c>apiVersion</c> and <c>kind</c> from the envelope.
    /// </summary>
    /// <exception cref="ApiException">400 for malformed bytes (naming the byte offset), 415 for a kind with no schema here.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body) => Decode(body, 0);

    internal static bool HasMagic(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    internal static JsonObject Decode(ReadOnlySpan<byte> body, int offset)
    {
        if (!HasMagic(body))
        {
            throw ApiException.BadRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }
        var envelope = ProtobufEnvelope.Read(body[Magic.Length..], offset + Magic.Length);
        if (envelope.ContentEncoding.Length > 0)
        {
            throw Unsupported($"protobuf bodies with content encoding \"{envelope.ContentEncoding}\" are not supported; send application/json");
        }
        // The protobuf serializer leaves contentType empty; anything else would not be this format.
        if (envelope.ContentType.Length > 0 && !IsProtobuf(envelope.ContentType))
        {
            throw Unsupported($"protobuf bodies wrapping \"{envelope.ContentType}\" are not supported; send application/json");
        }
        if (envelope.Kind.Length == 0)
        {
            throw ApiException.BadRequest("Object 'Kind' is missing in the protobuf body");
        }
        if (envelope.ApiVersion.Length == 0)
        {
            throw ApiException.BadRequest("Object 'apiVersion' is missing in the protobuf body");
        }
        var schema = SchemaRegistry.ForKind(envelope.ApiVersion, envelope.Kind)
            ?? throw Unsupported($"protobuf is not supported for {envelope.Kind}; send application/json");
        var result = new JsonObject { ["apiVersion"] = envelope.ApiVersion, ["kind"] = envelope.Kind };
        MessageDecoder.DecodeInto(result, schema, envelope.Raw, envelope.RawOffset);
        return result;
    }

    private static ApiException Unsupported(string message) => new(415, "UnsupportedMediaType", message);
}
