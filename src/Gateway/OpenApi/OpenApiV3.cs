using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Gateway.Discovery;

namespace ActorOrchestrator.Gateway.OpenApi;

/// <summary>
/// The OpenAPI v3 documents kubectl reads: <c>GET /openapi/v3</c> answers <see cref="Index"/>, which
/// points at one document per served group-version (<c>/openapi/v3/api/v1?hash=…</c>,
/// <c>/openapi/v3/apis/apps/v1?hash=…</c>). <c>kubectl create/apply</c> use them to learn that the
/// server validates fields (see <see cref="Parameters.FieldValidation"/>), <c>kubectl explain</c> to
/// describe fields. Documents are generated once, by reflection over the KubernetesClient models.
/// </summary>
public static class OpenApiV3
{
    /// <summary>The Content-Type of the index and of every document.</summary>
    public const string ContentType = "application/json";

    private static readonly Lazy<IReadOnlyDictionary<string, GeneratedDocument>> Documents = new(Generate);

    /// <summary>Descriptions are full of &lt;, &gt; and quotes; keep them readable rather than \u-escaped.</summary>
    private static readonly JsonSerializerOptions Serialization = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document paths served, e.g. <c>api/v1</c>, <c>apis/apps/v1beta2</c>.</summary>
    public static IReadOnlyList<string> DocumentPaths => [.. Documents.Value.Keys];

    /// <summary>
    /// <c>GET /openapi/v3</c>: each document path with its URL. The hash changes exactly when the
    /// document does, so clients may cache a document URL forever.
    /// </summary>
    public static JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (path, document) in Documents.Value)
        {
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={document.Hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document at <c>/openapi/v3/{documentPath}</c>, or null when none is served there.</summary>
    public static JsonObject? Document(string documentPath) =>
        Documents.Value.TryGetValue(documentPath.Trim('/'), out var document) ? (JsonObject)document.Body.DeepClone() : null;

    /// <summary>The same document as serialized JSON text, ready to send; null when none is served there.</summary>
    public static string? DocumentJson(string documentPath) =>
        Documents.Value.TryGetValue(documentPath.Trim('/'), out var document) ? document.Json : null;

    /// <summary>The hash the index advertises for a document; null when none is served there.</summary>
    public static string? Hash(string documentPath) =>
        Documents.Value.TryGetValue(documentPath.Trim('/'), out var document) ? document.Hash : null;

    /// <summary>The document path of a group-version: <c>api/v1</c> for the core group, <c>apis/{group}/{version}</c> otherwise.</summary>
    public static string DocumentPath(string group, string version) => ResourcePaths.Prefix(group, version).TrimStart('/');

    private static IReadOnlyDictionary<string, GeneratedDocument> Generate()
    {
        var result = new SortedDictionary<string, GeneratedDocument>(StringComparer.Ordinal);
        IEnumerable<(string Group, IReadOnlyList<string> Versions)> groups = [("", ["v1"]), .. ResourceRegistry.Groups];
        foreach (var (group, versions) in groups)
        {
            foreach (var version in versions)
            {
                var body = Build(group, version);
                var json = body.ToJsonString(Serialization);
                var hash = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(json)));
                result[DocumentPath(group, version)] = new GeneratedDocument(body, json, hash);
            }
        }
        return result;
    }

    private static JsonObject Build(string group, string version)
    {
        var types = ResourceRegistry.InGroupVersion(group, version).ToList();
        var schemas = new SchemaCatalog(group, version, types[0].Version);
        var paths = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var unsorted = new JsonObject();
        foreach (var type in types) ResourcePaths.AddTo(unsorted, type, version, schemas);
        foreach (var (path, item) in unsorted) paths[path] = item?.DeepClone();

        var pathsJson = new JsonObject();
        foreach (var (path, item) in paths) pathsJson[path] = item;
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = VersionInfo.GitVersion },
            ["paths"] = pathsJson,
            ["components"] = new JsonObject { ["schemas"] = schemas.ToJson() },
        };
    }

    private sealed record GeneratedDocument(JsonObject Body, string Json, string Hash);
}
