using System.Collections.Concurrent;
using System.Net;

namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>A stand-in OpenTelemetry collector: accepts OTLP/HTTP posts on loopback and counts them per path.</summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public string Url { get; } = $"http://127.0.0.1:{FreePorts.Next()}";

    public void Start()
    {
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Requests(string path) => _counts.GetValueOrDefault(path);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            _counts.AddOrUpdate(context.Request.Url!.AbsolutePath, 1, (_, n) => n + 1);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
