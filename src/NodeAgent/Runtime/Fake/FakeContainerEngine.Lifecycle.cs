namespace ActorOrchestrator.NodeAgent.Runtime;

public sealed partial class FakeContainerEngine
{
    internal PodSandbox CreateSandbox(string node, PodSandboxSpec spec, string pauseImage)
    {
        var image = spec.Image ?? pauseImage;
        var name = ContainerNames.ForSandbox(node, spec.Pod, spec.Attempt);
        var labels = RuntimeLabels.Build(node, spec.Pod, RuntimeLabels.SandboxContainerName, spec.Attempt, spec.Attempt, spec.Labels);
        var network = new FakeNetwork(ContainerNames.Hostname(spec.Pod.Name), NewIp());
        var container = new FakeContainer(NewId(), name, image, node, RuntimeLabels.Parse(labels), Time.GetUtcNow()) { Network = network };
        lock (_gate)
        {
            RequireImage(image);
            Add(container);
            _networksByIp[network.Ip] = network;
        }
        Start(container.Id);
        return new PodSandbox(container.Id, name, network.Ip);
    }

    internal string Create(string node, ContainerSpec spec)
    {
        var name = ContainerNames.For(node, spec.Pod, spec.Name, spec.Attempt);
        var labels = RuntimeLabels.Build(node, spec.Pod, spec.Name, spec.Attempt, spec.RestartCount ?? spec.Attempt, spec.Labels, spec.Ports);
        lock (_gate)
        {
            RequireImage(spec.Image);
            var sandbox = Get(spec.SandboxId);
            var container = new FakeContainer(NewId(), name, spec.Image, node, RuntimeLabels.Parse(labels), Time.GetUtcNow())
            {
                Spec = spec,
                Network = sandbox.Network,
            };
            foreach (var mount in spec.VolumeMounts)
            {
                VolumeFiles(node, spec.Pod.Uid, mount.VolumeName);
            }
            Add(container);
            return container.Id;
        }
    }

    internal void Start(string id)
    {
        FakeContainer container;
        FakeProcess process;
        lock (_gate)
        {
            container = Get(id);
            if (container.State == ContainerState.Running)
            {
                return;
            }
            if (container.State != ContainerState.Created)
            {
                throw new ContainerRuntimeException(ContainerRuntimeErrorReason.InvalidState, $"start {id}: container has already run; a restart is a new attempt");
            }
            if (container.Spec is { } spec && (!_containers.TryGetValue(spec.SandboxId, out var sandbox) || sandbox.State != ContainerState.Running))
            {
                throw new ContainerRuntimeException(ContainerRuntimeErrorReason.StartFailed, $"start {id}: cannot join the network of sandbox {spec.SandboxId}: it is not running");
            }
            process = new FakeProcess(this, container);
            container.Process = process;
            container.State = ContainerState.Running;
            container.StartedAt = Time.GetUtcNow();
        }
        if (ProgramFor(container.Spec, container.Image) is { } program)
        {
            container.HasProgram = true;
            _ = RunAsync(container, process, program);
        }
    }

    private async Task RunAsync(FakeContainer container, FakeProcess process, FakeProgram program)
    {
        int exitCode;
        var oomKilled = false;
        try
        {
            exitCode = await program(process);
        }
        catch (FakeOomKilledException)
        {
            (exitCode, oomKilled) = (137, true);
        }
        catch (OperationCanceledException) when (process.Killed.IsCancellationRequested)
        {
            return; // whoever killed it recorded the exit
        }
        catch (OperationCanceledException) when (process.Terminating.IsCancellationRequested)
        {
            exitCode = 143; // SIGTERM's default action
        }
        catch (Exception e)
        {
            AppendLog(container, LogStream.Stderr, $"fake program failed: {e.Message}");
            exitCode = 1;
        }
        Exit(container, exitCode, oomKilled);
    }

    internal async Task StopAsync(string id, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        FakeContainer container;
        lock (_gate)
        {
            container = Get(id);
            if (container.State != ContainerState.Running)
            {
                return;
            }
        }
        if (container.Process is { } process && container.HasProgram)
        {
            process.SignalTerm();
            if (gracePeriod > TimeSpan.Zero)
            {
                using var cancelWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var graceOver = Task.Delay(gracePeriod, Time, cancelWait.Token);
                await Task.WhenAny(container.Exited.Task, graceOver);
                await cancelWait.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (container.Exited.Task.IsCompleted)
            {
                return;
            }
            process.Kill();
            Exit(container, 137, oomKilled: false);
            return;
        }
        // A passive process exits at once on SIGTERM.
        container.Process?.Kill();
        Exit(container, 0, oomKilled: false);
    }

    internal void Remove(string id)
    {
        FakeContainer? container;
        lock (_gate)
        {
            if (!_containers.Remove(id, out container))
            {
                return;
            }
            _byName.Remove(container.Name);
            if (_byNode.TryGetValue(container.Node, out var ofNode))
            {
                ofNode.Remove(id);
            }
            container.Removed = true;
            if (container.Spec is null)
            {
                _networksByIp.Remove(container.Network.Ip);
            }
        }
        container.Process?.Kill();
        Exit(container, 137, oomKilled: false);
    }

    internal int RemovePod(string node, string podUid)
    {
        List<string> ids;
        lock (_gate)
        {
            ids = [.. OnNode(node).Where(c => c.Labels.PodUid == podUid).Select(c => c.Id)];
            _volumes.Remove((node, podUid));
        }
        foreach (var id in ids)
        {
            Remove(id);
        }
        return ids.Count;
    }

    internal ContainerStatus Inspect(string id)
    {
        lock (_gate)
        {
            var c = Get(id);
            return new ContainerStatus(c.Id, c.Name, c.Image, c.State, c.ExitCode, c.OomKilled, c.StartedAt, c.FinishedAt, null, c.Labels)
            {
                ImageId = ImageId(c.Image),
                IpAddress = c.Spec is null && c.State == ContainerState.Running ? c.Network.Ip : null,
            };
        }
    }

    internal IReadOnlyList<ContainerSummary> List(string node, IReadOnlyDictionary<string, string>? labelFilter)
    {
        lock (_gate)
        {
            return [.. OnNode(node)
                .Where(c => Matches(c.Labels.All, labelFilter))
                .OrderBy(c => c.CreatedAt)
                .Select(c => new ContainerSummary(c.Id, c.Name, c.Image, c.State, c.CreatedAt, c.Labels))];
        }
    }

    private static bool Matches(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? filter) =>
        filter is null || filter.All(f => labels.TryGetValue(f.Key, out var value) && value == f.Value);

    private void Exit(FakeContainer container, int exitCode, bool oomKilled)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (container.State == ContainerState.Exited)
            {
                return;
            }
            container.State = ContainerState.Exited;
            container.ExitCode = exitCode;
            container.OomKilled = oomKilled;
            container.FinishedAt = Time.GetUtcNow();
            container.StartedAt ??= container.FinishedAt;
            if (container.Spec is null)
            {
                _networksByIp.Remove(container.Network.Ip);
            }
            container.Network.CloseAll(container.Id);
            signal = container.LogSignal;
            container.LogSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        container.Exited.TrySetResult();
        signal.TrySetResult();
    }

    private void Add(FakeContainer container)
    {
        if (_byName.ContainsKey(container.Name))
        {
            throw new ContainerRuntimeException(ContainerRuntimeErrorReason.NameConflict, $"create {container.Name}: the name is already in use");
        }
        _containers[container.Id] = container;
        _byName[container.Name] = container;
        if (!_byNode.TryGetValue(container.Node, out var ofNode))
        {
            _byNode[container.Node] = ofNode = [];
        }
        ofNode[container.Id] = container;
    }

    /// <summary>The node's containers. Call under the lock.</summary>
    private IEnumerable<FakeContainer> OnNode(string node) =>
        _byNode.TryGetValue(node, out var ofNode) ? ofNode.Values : [];

    private void RequireImage(string image)
    {
        if (!_localImages.Contains(Normalize(image)))
        {
            throw new ContainerRuntimeException(ContainerRuntimeErrorReason.ImageNotFound, $"create: no such image: {image}");
        }
    }

    /// <summary>By id or name, as Docker resolves them. Call under the lock.</summary>
    private FakeContainer Get(string idOrName) =>
        _containers.GetValueOrDefault(idOrName) ?? _byName.GetValueOrDefault(idOrName)
        ?? throw new ContainerRuntimeException(ContainerRuntimeErrorReason.ContainerNotFound, $"no such container: {idOrName}");
}
