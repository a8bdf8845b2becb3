using System.Globalization;
using System.Net;
using ActorOrchestrator.Bench.Infrastructure;
using Docker.DotNet.Models;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>
/// The floor: the same Docker engine creating and starting the same containers directly, N pods at once,
/// with what the node agent asks of the engine per pod and nothing else: a sandbox (the pause image on
/// the bridge network, shareable IPC, the agent's log settings), inspected for its address, then kubia
/// joined to the sandbox's network and IPC namespaces. A pod is ready when it passes the same readiness
/// check the orchestrated pod has: the pod's httpGet probe on :8080, first as kubia starts and then every
/// <c>periodSeconds</c>, each a fresh connection with the probe's one-second timeout (a kubelet's schedule;
/// polling faster would measure a different pod). Containers carry a label of this benchmark only (never
/// a node's), so no agent's sweep touches them.
/// </summary>
public sealed class FloorStart(DockerEngine docker, string benchId, TimeSpan timeout) : IDisposable
{
    public const string BenchLabel = "io.actororchestrator.bench";
    private static readonly TimeSpan ProbePeriod = TimeSpan.FromSeconds(KubiaPod.ProbePeriodSeconds);
    private int _engineCalls;
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectTimeout = TimeSpan.FromSeconds(1),
    })
    {
        Timeout = TimeSpan.FromSeconds(1),
    };

    public async Task<StartRun> RunAsync(int pods, int run, CostMeter? costs, Action<Milestones> onProgress, CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(0, pods).Select(i => "kubia-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var milestones = new Milestones(names);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        StartRun result;
        try
        {
            if (costs is not null) await costs.StartAsync(cancellationToken);
            Interlocked.Exchange(ref _engineCalls, 0);
            milestones.Start();
            await Task.WhenAll(names.Select(name => StartPodAsync($"{pods}-{run}", name, milestones, onProgress, bounded.Token)));
            var perPod = milestones.Snapshot();
            var spent = costs is null ? BatchCosts.None : await costs.StopAsync(cancellationToken);
            // The cluster's agents did nothing for this batch; the engine calls are the floor's own.
            spent = spent with { EngineCalls = new Dictionary<string, double> { ["all"] = Volatile.Read(ref _engineCalls) }, PodPasses = 0, StatusReports = 0 };
            result = new StartRun(StartMode.Floor, pods, run, milestones.StartedAt, perPod.Max(p => p.Ready), perPod, spent);
        }
        catch (Exception e)
        {
            // The scenario's final cleanup tries again; the batch's own failure is what to report.
            try
            {
                await CleanUpAsync();
            }
            catch (Exception cleanup) when (cleanup is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"removing the floor's containers failed too: {cleanup.Message}");
            }
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{pods} pods started directly on Docker were not all answering after {timeout.TotalSeconds:F0}s; not ready: {string.Join(", ", milestones.NotReady().Take(10))}", e);
            }
            throw;
        }
        await CleanUpAsync();
        return result;
    }

    /// <summary>Removes every container this benchmark created directly, and waits until the engine lists none.</summary>
    public async Task CleanUpAsync()
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await docker.RemoveAllAsync(BenchLabel, benchId, bounded.Token);
        await Deadline.WaitForAsync(async token => (await docker.ListAsync(BenchLabel, benchId, token)).Count == 0,
            TimeSpan.FromMinutes(1), "the floor's containers to be removed", bounded.Token);
    }

    public void Dispose() => _http.Dispose();

    private async Task StartPodAsync(string batch, string name, Milestones milestones, Action<Milestones> onProgress, CancellationToken cancellationToken)
    {
        var sandbox = await CreateAsync(new CreateContainerParameters
        {
            Name = $"ao-bench-{benchId}-{batch}-{name}-POD",
            Image = KubiaPod.PauseImage,
            Hostname = name,
            Labels = Labels(name, "POD"),
            HostConfig = new HostConfig { NetworkMode = "bridge", IpcMode = "shareable", LogConfig = LogConfig() },
        }, cancellationToken);
        milestones.Accepted(name);
        await StartAsync(sandbox, cancellationToken);
        string podIp;
        using (var call = DockerEngine.CallToken(cancellationToken))
        {
            Interlocked.Increment(ref _engineCalls);
            var inspected = await docker.Client.Containers.InspectContainerAsync(sandbox, call.Token);
            podIp = inspected.NetworkSettings.Networks["bridge"].IPAddress;
        }
        milestones.Placed(name);
        var kubia = await CreateAsync(new CreateContainerParameters
        {
            Name = $"ao-bench-{benchId}-{batch}-{name}-kubia",
            Image = KubiaPod.Image,
            Env = [],
            Labels = Labels(name, "kubia"),
            HostConfig = new HostConfig { NetworkMode = $"container:{sandbox}", IpcMode = $"container:{sandbox}", LogConfig = LogConfig() },
        }, cancellationToken);
        await StartAsync(kubia, cancellationToken);
        milestones.Running(name);
        onProgress(milestones);
        await ProbeUntilReadyAsync(new Uri($"http://{podIp}:{KubiaPod.Port}/"), cancellationToken);
        milestones.Ready(name);
        onProgress(milestones);
    }

    private async Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken)
    {
        using var call = DockerEngine.CallToken(cancellationToken);
        Interlocked.Increment(ref _engineCalls);
        return (await docker.Client.Containers.CreateContainerAsync(parameters, call.Token)).ID;
    }

    private async Task StartAsync(string id, CancellationToken cancellationToken)
    {
        using var call = DockerEngine.CallToken(cancellationToken);
        Interlocked.Increment(ref _engineCalls);
        await docker.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), call.Token);
    }

    /// <summary>
    /// The readiness probe's schedule as the node agent's probe worker keeps it: an attempt as the container
    /// starts, then one a period after the previous attempt ended, until a 2xx/3xx answer; a fresh
    /// connection per attempt.
    /// </summary>
    private async Task ProbeUntilReadyAsync(Uri url, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = true;
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if ((int)response.StatusCode is >= 200 and < 400) return;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }
            await Task.Delay(ProbePeriod, cancellationToken);
        }
    }

    /// <summary>The labels the agent gives its containers, under the benchmark's key instead of a node's.</summary>
    private Dictionary<string, string> Labels(string pod, string container) => new()
    {
        [BenchLabel] = benchId,
        ["io.actororchestrator.pod-name"] = pod,
        ["io.actororchestrator.pod-namespace"] = "bench-floor",
        ["io.actororchestrator.pod-uid"] = $"{benchId}-{pod}",
        ["io.actororchestrator.container"] = container,
        ["io.actororchestrator.restart-count"] = "0",
        ["io.actororchestrator.attempt"] = "0",
    };

    private static LogConfig LogConfig() => new()
    {
        Type = "json-file",
        Config = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "3" },
    };
}
