using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// The containers of one pod found on the engine at start-up, rebuilt from their labels alone: the
/// newest sandbox, and per container name its newest attempt (current) and the one before (previous).
/// </summary>
internal sealed record AdoptedPod(string Uid, string? Namespace, string? Name, IReadOnlyList<ContainerSummary> Containers)
{
    public static Dictionary<string, AdoptedPod> Group(IEnumerable<ContainerSummary> containers) =>
        containers
            .Where(c => !string.IsNullOrEmpty(c.Labels.PodUid))
            .GroupBy(c => c.Labels.PodUid!)
            .ToDictionary(g => g.Key, g => new AdoptedPod(g.Key, g.First().Labels.PodNamespace, g.First().Labels.PodName, [.. g]));

    public ContainerSummary? NewestSandbox =>
        Containers.Where(c => c.Labels.IsSandbox).MaxBy(c => c.Labels.Attempt);

    /// <summary>Attempts of one container, newest first.</summary>
    public IReadOnlyList<ContainerSummary> Attempts(string containerName) =>
        [.. Containers.Where(c => !c.Labels.IsSandbox && c.Labels.ContainerName == containerName).OrderByDescending(c => c.Labels.Attempt)];

    /// <summary>Copies what the engine knows into a fresh worker's memory; returns the attempts to remove (older than previous, old sandboxes).</summary>
    public IReadOnlyList<string> SeedInto(PodState state)
    {
        var stale = new List<string>();
        var sandboxes = Containers.Where(c => c.Labels.IsSandbox).OrderByDescending(c => c.Labels.Attempt).ToList();
        if (sandboxes.Count > 0)
        {
            var newest = sandboxes[0];
            state.Sandbox = new SandboxInstance(newest.Id, newest.Labels.Attempt, null, newest.State == ContainerState.Running);
            state.MaxSandboxAttempt = newest.Labels.Attempt;
            stale.AddRange(sandboxes.Skip(1).Select(s => s.Id));
        }
        return stale;
    }

    public static ContainerInstance Instance(ContainerSummary summary) =>
        new(summary.Id, summary.Labels.Attempt, summary.Labels.RestartCount, summary.Image, null);
}
