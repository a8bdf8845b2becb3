using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// The node agent's own HTTP API, on the kubelet's paths, which the Gateway relays
/// <c>pods/log</c>, <c>pods/exec</c> and <c>pods/portforward</c> to:
/// <list type="bullet">
/// <item><c>GET /containerLogs/{ns}/{pod}/{container?}</c>: follow, previous, tailLines, sinceSeconds, sinceTime, timestamps, limitBytes</item>
/// <item><c>GET|POST /exec/{ns}/{pod}/{container?}</c>: command (repeated), stdin, stdout, stderr, tty</item>
/// <item><c>GET|POST /attach/{ns}/{pod}/{container?}</c>: refused (501), see the README</item>
/// <item><c>GET|POST /portForward/{ns}/{pod}</c></item>
/// </list>
/// The host must run the WebSocket middleware (<c>UseWebSockets</c>); <see cref="BuildHost"/> does.
/// </summary>
public sealed class AgentApiServer
{
    private readonly ContainerLogsHandler _logs;
    private readonly ExecHandler _exec;
    private readonly PortForwardHandler _portForward;

    public AgentApiServer(IContainerLocator locator, IContainerRuntime runtime, AgentApiOptions? options = null,
        ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        options ??= new AgentApiOptions();
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        Stats = new AgentStreamingStats();
        _logs = new ContainerLogsHandler(locator, runtime, time ?? TimeProvider.System);
        _exec = new ExecHandler(locator, runtime, options, Stats, loggers.CreateLogger<ExecHandler>());
        _portForward = new PortForwardHandler(locator, options, Stats, loggers.CreateLogger<PortForwardHandler>());
    }

    /// <summary>What is open right now (sessions, port-forward connections).</summary>
    public AgentStreamingStats Stats { get; }

    public IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/containerLogs/{ns}/{pod}/{container?}", (HttpContext http, string ns, string pod, string? container) =>
            _logs.HandleAsync(http, ns, pod, container));
        endpoints.MapMethods("/exec/{ns}/{pod}/{container?}", ["GET", "POST"], (HttpContext http, string ns, string pod, string? container) =>
            _exec.HandleAsync(http, ns, pod, container));
        endpoints.MapMethods("/attach/{ns}/{pod}/{container?}", ["GET", "POST"], (HttpContext http) =>
            AgentErrors.WriteAsync(http, 501, "NotImplemented", "attach is not supported by this node agent; use exec"));
        endpoints.MapMethods("/portForward/{ns}/{pod}", ["GET", "POST"], (HttpContext http, string ns, string pod) =>
            _portForward.HandleAsync(http, ns, pod));
        return endpoints;
    }

    /// <summary>A web host serving only this API on <paramref name="url"/> (e.g. <c>http://10.0.0.5:10250</c>, or port 0 in tests).</summary>
    public static WebApplication BuildHost(AgentApiServer server, string url, ILoggerFactory? loggerFactory = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        if (loggerFactory is not null) builder.Services.AddSingleton(loggerFactory);
        var app = builder.Build();
        app.UseWebSockets();
        server.Map(app);
        return app;
    }
}
