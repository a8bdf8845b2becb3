using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Gateway.Printing;
using ActorOrchestrator.Store.Reading;
using ActorOrchestrator.Store.Watching;
using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>
/// Watch streams: one JSON event per line, kept open while the client is connected (kubectl exits
/// when a stream ends). Without a resourceVersion (or with "0") the current objects come first as
/// ADDED events; with one, only what was committed after it.
/// </summary>
public sealed class WatchHandler(Watcher watcher, ObjectReader reader, TimeProvider time)
{
    public async Task WatchAsync(ResourceContext request)
    {
        var options = request.Options;
        var query = SelectorTranslation.ToQuery(request.Path, options.LabelSelector, options.FieldSelector);
        long from;
        IReadOnlyList<WatchEvent> initial = [];
        if (options.ResourceVersion is null or "0")
        {
            var current = await reader.ListAsync(query, request.Aborted);
            from = current.Revision;
            initial = current.Items.Select(i => new WatchEvent(WatchEventType.Added, i.Revision, i.Json)).ToList();
        }
        else
        {
            from = ParseRevision(options.ResourceVersion);
            var (_, compacted) = await reader.GetRevisionsAsync(request.Aborted);
            if (from < compacted) throw ApiException.Gone($"too old resource version: {from} ({compacted})");
        }

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        if (options.TimeoutSeconds is { } timeout) lifetime.CancelAfter(timeout);

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = ApiResponses.Json;
        response.Headers.CacheControl = "no-cache, private";
        await response.StartAsync(lifetime.Token);

        var first = true;
        try
        {
            foreach (var added in initial)
            {
                await WriteEventAsync(request, added, first, lifetime.Token);
                first = false;
            }
            await foreach (var change in watcher.WatchAsync(query, from, options.AllowWatchBookmarks, lifetime.Token))
            {
                await WriteEventAsync(request, change, first && change.Json is not null, lifetime.Token);
                first &= change.Json is null;
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // The client left or the requested timeout passed: the stream simply ends.
        }
        catch (Exception ex) when (ex is ApiException or WatcherTooSlowException or FeedResetException or Store.StoreUnavailableException)
        {
            var status = ex switch
            {
                ApiException api => api,
                FeedResetException reset => ApiException.Gone($"too old resource version: {from} ({reset.Compacted})"),
                _ => ApiException.Unavailable(ex.Message),
            };
            await WriteLineAsync(response, "ERROR", status.ToStatus(), CancellationToken.None);
        }
    }

    /// <param name="withColumns">Table watches carry column definitions on their first event only, as kube-apiserver sends them.</param>
    private async Task WriteEventAsync(ResourceContext request, WatchEvent change, bool withColumns, CancellationToken cancellationToken)
    {
        var type = change.Type switch
        {
            WatchEventType.Added => "ADDED",
            WatchEventType.Modified => "MODIFIED",
            WatchEventType.Deleted => "DELETED",
            _ => "BOOKMARK",
        };
        JsonNode obj;
        if (change.Json is null)
        {
            obj = new JsonObject
            {
                ["kind"] = request.Path.Type.Kind,
                ["apiVersion"] = request.Path.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = change.Revision.ToString(CultureInfo.InvariantCulture) },
            };
        }
        else
        {
            var parsed = VersionConversion.ToRequested(JsonNode.Parse(change.Json)!.AsObject(), request.Path);
            obj = request.Format == ResponseFormat.Table
                ? TablePrinter.WatchEvent(type, request.Path.Type, parsed, withColumns, request.Options.IncludeObject, time.GetUtcNow())["object"]!
                : parsed;
        }
        await WriteLineAsync(request.Http.Response, type, obj, cancellationToken);
    }

    private static async Task WriteLineAsync(HttpResponse response, string type, JsonNode obj, CancellationToken cancellationToken)
    {
        var line = new StringBuilder("{\"type\":\"").Append(type).Append("\",\"object\":").Append(obj.ToJsonString()).Append("}\n");
        await response.WriteAsync(line.ToString(), Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static long ParseRevision(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw ApiException.BadRequest($"invalid resource version \"{text}\": must be a number from a previous response");
}
