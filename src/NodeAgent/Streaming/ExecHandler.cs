using System.Threading.Channels;
using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgent.Streaming.Channels;
using ActorOrchestrator.NodeAgent.Streaming.Spdy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// <c>/exec/{ns}/{pod}/{container}</c>: runs a command in a container with its streams carried over
/// a channel-protocol WebSocket (v5, v4) or, for clients that fall back, SPDY/3.1 (v4, v3, v2).
/// </summary>
internal sealed partial class ExecHandler(IContainerLocator locator, IContainerRuntime runtime, AgentApiOptions options, AgentStreamingStats stats, ILogger logger)
{
    /// <summary>SPDY exec sub-protocols: v4 reports a Status on the error stream, v2/v3 plain text.</summary>
    private static readonly IReadOnlyList<string> SpdyProtocols = ["v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io"];

    public async Task HandleAsync(HttpContext http, string ns, string pod, string? container)
    {
        container ??= StreamingQuery.Text(http.Request.Query, "container");
        var exec = ExecOptions.From(http.Request.Query);
        if (exec.Command.Count == 0)
        {
            await AgentErrors.BadRequest(http, "you must specify at least one command for the container");
            return;
        }
        if (!exec.HasStreams)
        {
            await AgentErrors.BadRequest(http, "you must specify at least 1 of stdin, stdout, stderr");
            return;
        }
        if (locator.Find(ns, pod, container, previous: false) is not { } target)
        {
            await AgentErrors.Missing(http, locator, ns, pod, container);
            return;
        }
        if (!target.Running)
        {
            await AgentErrors.BadRequest(http, $"container {target.ContainerName} is not running in pod {pod}");
            return;
        }

        if (http.WebSockets.IsWebSocketRequest)
        {
            await OverWebSocketAsync(http, target, exec);
        }
        else if (StreamUpgrade.IsSpdyUpgrade(http.Request))
        {
            await OverSpdyAsync(http, target, exec);
        }
        else
        {
            await AgentErrors.BadRequest(http, "Upgrade request required");
        }
    }

    private async Task OverWebSocketAsync(HttpContext http, ContainerLocation target, ExecOptions exec)
    {
        var offered = http.WebSockets.WebSocketRequestedProtocols;
        if (ChannelProtocol.Negotiate(offered) is not { } protocol)
        {
            await AgentErrors.BadRequest(http, $"requested protocol(s) are not supported: [{string.Join(' ', offered)}]; supports [{string.Join(' ', ChannelProtocol.Supported)}]");
            return;
        }
        using var socket = await WebSocketAccept.AcceptAsync(http, protocol, options.WebSocketKeepAlive);
        if (socket is null) return;
        using var session = stats.Session();
        var channels = new WebSocketChannels(socket, protocol);
        channels.Start();
        var outcome = await ExecRunner.RunAsync(runtime, target.ContainerId, exec,
            exec.Stdin ? channels.Stdin : null,
            exec.Stdout ? channels.Output(ChannelProtocol.Stdout) : null,
            exec.Stderr ? channels.Output(ChannelProtocol.Stderr) : null,
            exec.Tty ? channels.Sizes : null,
            channels.ClientGone);
        LogExecEnded(target.ContainerName, protocol, outcome.ExitCode, outcome.Error);
        try
        {
            var status = ExecStatus.Encode(outcome, exec.Command, protocol);
            if (status.Length > 0) await channels.SendAsync(ChannelProtocol.Error, status, channels.ClientGone);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException)
        {
            // The client left before the status; nothing to report to.
        }
        await channels.CloseAsync(options.CloseGracePeriod);
    }

    private async Task OverSpdyAsync(HttpContext http, ContainerLocation target, ExecOptions exec)
    {
        if (StreamUpgrade.Negotiate(http.Request, SpdyProtocols) is not { } protocol)
        {
            await StreamUpgrade.RefuseProtocolAsync(http, SpdyProtocols);
            return;
        }
        var transport = await StreamUpgrade.AcceptSpdyAsync(http, protocol);
        if (transport is null) return;
        using var session = stats.Session();
        await using var connection = new SpdyConnection(transport, logger);
        var expected = ExpectedStreams(exec);
        var streams = new Dictionary<string, SpdyStream>();
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = connection.RunAsync(stream =>
        {
            var type = stream.Headers["streamType"];
            if (type is null || !expected.Contains(type) || !streams.TryAdd(type, stream)) return false;
            if (streams.Count == expected.Count) allOpen.TrySetResult();
            return true;
        }, http.RequestAborted);
        try
        {
            await allOpen.Task.WaitAsync(options.StreamCreationTimeout, connection.Closed);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            LogStreamsMissing(string.Join(',', expected.Except(streams.Keys)));
            return;
        }

        var stdin = streams.GetValueOrDefault("stdin");
        var stdout = streams.GetValueOrDefault("stdout");
        var stderr = streams.GetValueOrDefault("stderr");
        var error = streams["error"];
        var sizes = streams.GetValueOrDefault("resize") is { } resize ? ReadSizes(resize, connection.Closed) : null;
        var outcome = await ExecRunner.RunAsync(runtime, target.ContainerId, exec,
            stdin?.Input,
            stdout is null ? null : new WriteOnlyStream(stdout.WriteAsync),
            stderr is null ? null : new WriteOnlyStream(stderr.WriteAsync),
            sizes,
            connection.Closed);
        LogExecEnded(target.ContainerName, protocol, outcome.ExitCode, outcome.Error);
        try
        {
            if (stdout is not null) await stdout.CloseAsync();
            if (stderr is not null) await stderr.CloseAsync();
            var status = ExecStatus.Encode(outcome, exec.Command, protocol);
            if (status.Length > 0) await error.WriteAsync(status, connection.Closed);
            await error.CloseAsync();
            stdin?.StopReading();
            await reading.WaitAsync(options.CloseGracePeriod);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or IOException)
        {
            // The client did not close in time, or already left: the connection goes either way.
        }
    }

    /// <summary>The streams a SPDY client announces through the query: error always, resize with a TTY.</summary>
    private static HashSet<string> ExpectedStreams(ExecOptions exec)
    {
        var expected = new HashSet<string> { "error" };
        if (exec.Stdin) expected.Add("stdin");
        if (exec.Stdout) expected.Add("stdout");
        if (exec.Stderr) expected.Add("stderr");
        if (exec.Tty) expected.Add("resize");
        return expected;
    }

    private static IAsyncEnumerable<TerminalSize> ReadSizes(SpdyStream resize, CancellationToken cancellationToken)
    {
        var sizes = Channel.CreateBounded<TerminalSize>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        _ = Task.Run(async () =>
        {
            var decoder = new TerminalSizeDecoder();
            var buffer = new byte[1024];
            try
            {
                int read;
                while ((read = await resize.Input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    foreach (var size in decoder.Push(buffer.AsSpan(0, read))) sizes.Writer.TryWrite(size);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // Reset or connection gone: no more sizes.
            }
            finally
            {
                sizes.Writer.TryComplete();
            }
        }, CancellationToken.None);
        return sizes.Reader.ReadAllAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "exec in {Container} over {Protocol} ended: exit {ExitCode} {Error}")]
    private partial void LogExecEnded(string container, string protocol, int exitCode, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "exec client never opened streams {Missing}")]
    private partial void LogStreamsMissing(string missing);
}
