using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Gateway.Printing;
using ActorOrchestrator.Store.Objects;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>Renders stored objects and lists in the version and format a request asked for.</summary>
public sealed class ObjectOutput(TimeProvider time)
{
    public Task WriteObjectAsync(ResourceContext request, int statusCode, string storedJson)
    {
        if (request.Format == ResponseFormat.Json && VersionConversion.IsStorageVersion(request.Path))
        {
            return ApiResponses.WriteJsonAsync(request.Http, statusCode, storedJson);
        }
        var obj = VersionConversion.ToRequested(JsonNode.Parse(storedJson)!.AsObject(), request.Path);
        if (request.Format == ResponseFormat.Table)
        {
            var table = TablePrinter.ToTable(request.Path.Type, [obj], obj["metadata"]?["resourceVersion"]?.ToString() ?? "",
                request.Options.IncludeObject, time.GetUtcNow());
            return ApiResponses.WriteJsonAsync(request.Http, statusCode, table.ToJsonString());
        }
        return ApiResponses.WriteAsync(request.Http, statusCode, obj, request.Format);
    }

    public Task WriteListAsync(ResourceContext request, long revision, IReadOnlyList<StoredObject> items, string? continueToken)
    {
        var rv = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.Format == ResponseFormat.Table)
        {
            var objects = items.Select(i => VersionConversion.ToRequested(JsonNode.Parse(i.Json)!.AsObject(), request.Path)).ToList();
            var table = TablePrinter.ToTable(request.Path.Type, objects, rv, request.Options.IncludeObject, time.GetUtcNow(), continueToken);
            return ApiResponses.WriteJsonAsync(request.Http, 200, table.ToJsonString());
        }
        if (request.Format == ResponseFormat.Json && VersionConversion.IsStorageVersion(request.Path))
        {
            // Stored JSON goes out as it is: a list of thousands of pods is never parsed here.
            var json = new StringBuilder(items.Sum(i => i.Json.Length + 1) + 256);
            json.Append("{\"kind\":\"").Append(request.Path.Type.Kind).Append("List\",\"apiVersion\":\"")
                .Append(request.Path.ApiVersion).Append("\",\"metadata\":")
                .Append(ListMetadata(rv, continueToken).ToJsonString()).Append(",\"items\":[");
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) json.Append(',');
                json.Append(items[i].Json);
            }
            json.Append("]}");
            return ApiResponses.WriteJsonAsync(request.Http, 200, json.ToString());
        }
        var list = new JsonObject
        {
            ["kind"] = request.Path.Type.Kind + "List",
            ["apiVersion"] = request.Path.ApiVersion,
            ["metadata"] = ListMetadata(rv, continueToken),
            ["items"] = new JsonArray(items
                .Select(i => (JsonNode?)VersionConversion.ToRequested(JsonNode.Parse(i.Json)!.AsObject(), request.Path))
                .ToArray()),
        };
        return ApiResponses.WriteAsync(request.Http, 200, list, request.Format);
    }

    private static JsonObject ListMetadata(string revision, string? continueToken)
    {
        var meta = new JsonObject { ["resourceVersion"] = revision };
        if (continueToken is not null) meta["continue"] = continueToken;
        return meta;
    }
}
