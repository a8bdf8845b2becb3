namespace ActorOrchestrator.NodeAgent.Pods.Probes;

public enum ProbeKind
{
    Liveness,
    Readiness,
    Startup,
}

public enum ProbeOutcome
{
    Success,
    Failure,
}

/// <summary>What one probe execution found; <paramref name="Message"/> explains a failure as the kubelet words it.</summary>
public sealed record ProbeResult(ProbeOutcome Outcome, string Message = "")
{
    public static readonly ProbeResult Success = new(ProbeOutcome.Success);

    public static ProbeResult Failure(string message) => new(ProbeOutcome.Failure, message);
}
