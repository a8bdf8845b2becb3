using System.Runtime.ExceptionServices;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// <see cref="IContainerRuntime"/> on a Docker engine (Docker.DotNet). Stateless: everything it knows
/// about a container is in the engine, in <see cref="RuntimeLabels"/>. Split by concern into
/// partial files: images, pods, containers, logs, exec.
/// </summary>
public sealed partial class DockerContainerRuntime : IContainerRuntime, IDisposable
{
    private readonly DockerRuntimeOptions _options;
    private readonly DockerClientConfiguration _configuration;
    private readonly DockerClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PodDirectories _pods;

    public DockerContainerRuntime(DockerRuntimeOptions options, TimeProvider? time = null, ILogger<DockerContainerRuntime>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeName);
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _pods = new PodDirectories(Path.Combine(options.StateDirectory, ContainerNames.Sanitize(options.NodeName)));
        // No client-side default timeout: every call below carries its own, measured on _time.
        _configuration = new DockerClientConfiguration(options.Endpoint, defaultTimeout: Timeout.InfiniteTimeSpan);
        _client = _configuration.CreateClient();
    }

    public string NodeName => _options.NodeName;

    /// <summary>Where this node's pod directories live.</summary>
    public string PodsRoot => _pods.Root;

    /// <summary>The engine's version as a node reports it (<c>docker://28.2.2</c>).</summary>
    public async Task<string> RuntimeVersionAsync(CancellationToken cancellationToken = default)
    {
        var version = await CallAsync("version", "engine", ct => _client.System.GetVersionAsync(ct), cancellationToken);
        return "docker://" + version.Version;
    }

    public void Dispose()
    {
        _client.Dispose();
        _configuration.Dispose();
    }

    private Task CallAsync(string operation, string target, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(operation, target, _options.OperationTimeout, async token =>
        {
            await call(token);
            return true;
        }, cancellationToken);

    private Task<T> CallAsync<T>(string operation, string target, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        CallAsync(operation, target, _options.OperationTimeout, call, cancellationToken);

    /// <summary>
    /// Runs one engine call under <paramref name="timeout"/> and the caller's token; the caller's
    /// cancellation stays an <see cref="OperationCanceledException"/>, everything else becomes a
    /// <see cref="ContainerRuntimeException"/>.
    /// </summary>
    private async Task<T> CallAsync<T>(string operation, string target, TimeSpan timeout, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        RuntimeMetrics.Calls.Add(1, new KeyValuePair<string, object?>("operation", operation));
        try
        {
            return await call(linked.Token);
        }
        catch (Exception error) when (error is not ContainerRuntimeException)
        {
            throw Translate(error, operation, target, timeout, deadline, cancellationToken);
        }
    }

    private static Exception Translate(Exception error, string operation, string target, TimeSpan timeout, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return error as OperationCanceledException ?? new OperationCanceledException($"{operation} {target} was cancelled", error, cancellationToken);
        }
        if (deadline.IsCancellationRequested)
        {
            return new ContainerRuntimeException(ContainerRuntimeErrorReason.Timeout, $"{operation} {target} did not finish within {timeout.TotalSeconds:0.###}s", error);
        }
        if (error is OperationCanceledException)
        {
            // Cancelled by neither us nor the caller: the connection went away under the call.
            return new ContainerRuntimeException(ContainerRuntimeErrorReason.EngineUnavailable, $"{operation} {target}: the engine dropped the request", error);
        }
        return DockerErrors.Map(error, operation, target);
    }

    private static void Rethrow(Exception error) => ExceptionDispatchInfo.Capture(error).Throw();

    private LogConfig LogConfig() => new()
    {
        Type = "json-file",
        Config = new Dictionary<string, string>
        {
            ["max-size"] = _options.LogMaxSize,
            ["max-file"] = _options.LogMaxFiles.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulling {Image} failed: {Reason}")]
    private partial void LogPullFailed(string image, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled {Image} in {ElapsedMs} ms")]
    private partial void LogPulled(string image, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox {Name} ({Id}) up at {PodIp}")]
    private partial void LogSandboxCreated(string name, string id, string podIp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed pod {PodUid}: {Count} containers and its directory")]
    private partial void LogPodRemoved(string podUid, int count);
}
