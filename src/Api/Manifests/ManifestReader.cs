using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using YamlDotNet.Core;

namespace ActorOrchestrator.Api.Manifests;

/// <summary>
/// Turns a request body or manifest file, JSON or YAML (one document or a <c>---</c> stream), into the
/// API objects it holds. Every refusal is an <see cref="ApiException"/>: 413 past the size limit, 400
/// with the line (and column) for anything malformed, like the Kubernetes API server.
/// </summary>
/// <remarks>
/// A body whose first non-blank character is <c>{</c> is read as JSON (one or more concatenated values,
/// as kubectl does); anything else as YAML. Like kubectl, no YAML second chance is given to a
/// "{"-led body: read as YAML, broken JSON would often "succeed" with another meaning. Empty and null documents are skipped; any other document
/// that is not a mapping is refused.
/// </remarks>
public static class ManifestReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads JSON or YAML, deciding by the first non-blank character.</summary>
    public static IReadOnlyList<JsonObject> Read(ReadOnlySpan<byte> body, ManifestLimits? limits = null)
    {
        limits ??= ManifestLimits.Default;
        EnsureWithinLimit(body.Length, limits.MaxBytes);
        var content = WithoutByteOrderMark(body);
        return LooksLikeJson(content) ? ReadJsonContent(content, limits) : ReadYamlContent(Decode(content), limits);
    }

    /// <summary>Reads text (a manifest file already in memory) as JSON or YAML.</summary>
    public static IReadOnlyList<JsonObject> Read(string text, ManifestLimits? limits = null) =>
        Read(Encoding.UTF8.GetBytes(text), limits);

    /// <summary>Reads a body declared <c>application/json</c>: YAML is not accepted.</summary>
    public static IReadOnlyList<JsonObject> ReadJson(ReadOnlySpan<byte> body, ManifestLimits? limits = null)
    {
        limits ??= ManifestLimits.Default;
        EnsureWithinLimit(body.Length, limits.MaxBytes);
        return ReadJsonContent(WithoutByteOrderMark(body), limits);
    }

    /// <summary>Reads a body declared <c>application/yaml</c> (JSON is valid YAML, so it is accepted too).</summary>
    public static IReadOnlyList<JsonObject> ReadYaml(ReadOnlySpan<byte> body, ManifestLimits? limits = null)
    {
        limits ??= ManifestLimits.Default;
        EnsureWithinLimit(body.Length, limits.MaxBytes);
        return ReadYamlContent(Decode(WithoutByteOrderMark(body)), limits);
    }

    /// <summary>Reads a body that must hold exactly one object, as create and update requests do.</summary>
    public static JsonObject ReadSingle(ReadOnlySpan<byte> body, ManifestLimits? limits = null)
    {
        var documents = Read(body, limits);
        return documents.Count switch
        {
            1 => documents[0],
            0 => throw ApiException.BadRequest("the request body is empty: expected one object"),
            _ => throw ApiException.BadRequest($"the request body holds {documents.Count} objects: expected one"),
        };
    }

    /// <summary>
    /// Reads a body from a stream without ever buffering more than the limit plus one byte, so an
    /// oversized upload is refused (413) without being read whole.
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(Stream body, long maxBytes = ManifestLimits.DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await body.ReadAsync(chunk, cancellationToken);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
            EnsureWithinLimit(buffer.Length, maxBytes);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a stream under <paramref name="limits"/> (size first, then parsing).</summary>
    public static async Task<IReadOnlyList<JsonObject>> ReadAsync(Stream body, ManifestLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= ManifestLimits.Default;
        var bytes = await ReadBodyAsync(body, limits.MaxBytes, cancellationToken);
        return Read(bytes, limits);
    }

    /// <summary>Refuses a body larger than <paramref name="maxBytes"/> with the API server's 413.</summary>
    public static void EnsureWithinLimit(long byteCount, long maxBytes = ManifestLimits.DefaultMaxBytes)
    {
        if (byteCount > maxBytes) throw ApiException.TooLarge($"Request entity too large: limit is {maxBytes}");
    }

    private static IReadOnlyList<JsonObject> ReadJsonContent(ReadOnlySpan<byte> content, ManifestLimits limits)
    {
        try
        {
            return OnlyObjects(JsonManifestParser.Parse(content, limits), "json");
        }
        catch (ManifestSyntaxException e)
        {
            throw ApiException.BadRequest($"json parse error: line {e.Line}, column {e.Column}: {e.Detail}", [PlaceCause(e)]);
        }
    }

    private static IReadOnlyList<JsonObject> ReadYamlContent(string text, ManifestLimits limits)
    {
        try
        {
            return OnlyObjects(YamlManifestParser.Parse(text, limits), "yaml");
        }
        catch (ManifestSyntaxException e)
        {
            throw YamlError(e.Line, e.Column, e.Detail);
        }
        catch (YamlException e)
        {
            throw YamlError((int)e.Start.Line, (int)e.Start.Column, YamlDotNetDetail(e.Message));
        }
    }

    private static List<JsonObject> OnlyObjects(List<(JsonNode? Root, int Line)> documents, string format)
    {
        var objects = new List<JsonObject>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            switch (documents[i].Root)
            {
                case null:
                    continue;
                case JsonObject obj:
                    objects.Add(obj);
                    break;
                case var other:
                    var what = other is JsonArray ? "a list" : "a scalar value";
                    throw new ManifestSyntaxException(documents[i].Line, 1,
                        $"document {i + 1} is {what}, but every {format} document must be an object (a mapping)");
            }
        }
        return objects;
    }

    /// <summary>Kubernetes' wording: "error converting YAML to JSON: yaml: line 7: ...".</summary>
    private static ApiException YamlError(int line, int column, string detail)
    {
        line = Math.Max(line, 1);
        return ApiException.BadRequest($"error converting YAML to JSON: yaml: line {line}: {detail}",
            [PlaceCause(new ManifestSyntaxException(line, column, detail))]);
    }

    /// <summary>The cause carries the column too, which Kubernetes' message leaves out.</summary>
    private static StatusCause PlaceCause(ManifestSyntaxException e) =>
        new("FieldValueInvalid", $"line {Math.Max(e.Line, 1)}, column {Math.Max(e.Column, 1)}: {e.Detail}", null);

    /// <summary>
    /// YamlDotNet says "(Line: 7, Col: 12, Idx: 80) - (Line: ...): While scanning a plain scalar value, found
    /// invalid mapping."; go-yaml (libyaml) says just the problem: "mapping values are not allowed in
    /// this context". Keep go-yaml's shape, since that is what kubectl users know.
    /// </summary>
    internal static string YamlDotNetDetail(string message)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        var detail = message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
        detail = detail.Trim().TrimEnd('.');
        if (detail.StartsWith("While ", StringComparison.OrdinalIgnoreCase) && detail.IndexOf(", ", StringComparison.Ordinal) is var comma and > 0)
        {
            detail = detail[(comma + 2)..];
        }
        if (detail == "found invalid mapping") detail = "mapping values are not allowed in this context";
        return detail.Length > 0 ? char.ToLowerInvariant(detail[0]) + detail[1..] : "invalid YAML";
    }

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> body) =>
        body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;

    private static bool LooksLikeJson(ReadOnlySpan<byte> content)
    {
        var start = content.IndexOfAnyExcept((ReadOnlySpan<byte>)" \t\r\n"u8);
        return start >= 0 && content[start] == (byte)'{';
    }

    private static string Decode(ReadOnlySpan<byte> content)
    {
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw ApiException.BadRequest("error converting YAML to JSON: yaml: invalid UTF-8 in the request body");
        }
    }
}
