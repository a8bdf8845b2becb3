using System.Text.Json.Nodes;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// A pod worker's memory between passes. Everything here can be rebuilt: containers from their
/// Docker labels, times and the terminal phase from the status this node reported before.
/// </summary>
internal sealed class PodState
{
    private readonly Dictionary<string, ContainerTrack> _tracks = [];

    public SandboxInstance? Sandbox { get; set; }

    /// <summary>The newest sandbox attempt created, so a re-creation never reuses a Docker name.</summary>
    public int MaxSandboxAttempt { get; set; } = -1;

    /// <summary>When this node first acted on the pod (<c>status.startTime</c>).</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Set once the pod reached Succeeded or Failed: nothing runs again.</summary>
    public PodTerminal? Terminal { get; set; }

    /// <summary>The last status computed, whose condition times carry over while nothing changes.</summary>
    public JsonObject? LastStatus { get; set; }

    /// <summary>The sandbox of a terminal pod has been stopped.</summary>
    public bool SandboxReleased { get; set; }

    public DeletionProgress Deletion { get; set; }

    public IReadOnlyCollection<ContainerTrack> Tracks => _tracks.Values;

    public ContainerTrack Track(PodContainer container)
    {
        if (!_tracks.TryGetValue(container.Name, out var track))
        {
            _tracks[container.Name] = track = new ContainerTrack(container.Name, container.IsInit);
        }
        return track;
    }

    public ContainerTrack? Find(string name) => _tracks.GetValueOrDefault(name);
}

/// <summary>A terminal phase with the pod-level reason and message (DeadlineExceeded).</summary>
internal sealed record PodTerminal(string Phase, string? Reason = null, string? Message = null);

/// <summary>How far a graceful deletion got; each step is done once, the confirmation retried until it succeeds.</summary>
internal enum DeletionProgress
{
    None,
    ContainersStopped,
    Removed,
    Confirmed,
}
