using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Protobuf;

namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>
/// A loopback HTTP server that kubectl talks to: it answers /version (kubectl on PATH picks its
/// binary from the server's minor version), discovery, and canned GETs, and records every request
/// so a test can look at the protobuf body kubectl sent. Writes are answered 201 with the decoded
/// object echoed back as JSON, which kubectl accepts whatever it sent.
/// </summary>
internal sealed class CaptureServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (int Status, string Json)> _canned = new();
    private readonly Task _loop;

    public CaptureServer()
    {
        Url = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    /// <summary>Answers <paramref name="method"/> on <paramref name="path"/> (query ignored) with this JSON.</summary>
    public void Answer(string method, string path, int status, string json) => _canned[$"{method} {path}"] = (status, json);

    public void Dispose()
    {
        // Close alone: after Stop has released the port, the managed listener's Close binds it again to
        // look its endpoint up, and fails if another process took the port meanwhile.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with an exception when the listener closes under it.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            try
            {
                await HandleAsync(context);
            }
            catch (Exception e)
            {
                Write(context.Response, 500, Status(500, "InternalError", e.ToString()));
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var path = request.Url!.AbsolutePath;
        var captured = new CapturedRequest(request.HttpMethod, path, request.Url.Query, request.ContentType, body.ToArray());
        _requests.Enqueue(captured);

        if (_canned.TryGetValue($"{request.HttpMethod} {path}", out var canned))
        {
            Write(context.Response, canned.Status, canned.Json);
        }
        else if (request.HttpMethod == "GET" && path == "/version")
        {
            Write(context.Response, 200, """{"major":"1","minor":"32","gitVersion":"v1.32.0","platform":"linux/amd64"}""");
        }
        else if (request.HttpMethod == "GET" && FakeDiscovery.For(path) is { } discovery)
        {
            Write(context.Response, 200, discovery.ToJsonString());
        }
        else if (request.HttpMethod is "POST" or "PUT")
        {
            Write(context.Response, 201, Echo(captured));
        }
        else
        {
            Write(context.Response, 404, Status(404, "NotFound", $"{request.HttpMethod} {path} is not served here"));
        }
    }

    /// <summary>The written object back as JSON, with what kubectl reads from the answer filled in.</summary>
    private static string Echo(CapturedRequest request)
    {
        JsonObject written;
        try
        {
            written = KubernetesProtobuf.IsProtobuf(request.ContentType)
                ? KubernetesProtobuf.Decode(request.Body)
                : JsonNode.Parse(request.Body)!.AsObject();
        }
        catch (Exception e)
        {
            // The test reports the decode failure itself; kubectl just needs some answer.
            return Status(500, "InternalError", e.Message);
        }
        switch ((string?)written["kind"])
        {
            case "TokenRequest":
                written["status"] = new JsonObject { ["token"] = "captured-token", ["expirationTimestamp"] = "2030-01-01T00:00:00Z" };
                break;
            case "SelfSubjectAccessReview":
                written["status"] = new JsonObject { ["allowed"] = true };
                break;
            case "Eviction":
                return Status(201, "", "");
        }
        return written.ToJsonString();
    }

    private static string Status(int code, string reason, string message) => new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = code < 300 ? "Success" : "Failure",
        ["reason"] = reason,
        ["message"] = message,
        ["code"] = code,
    }.ToJsonString();

    private static void Write(HttpListenerResponse response, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }
}
