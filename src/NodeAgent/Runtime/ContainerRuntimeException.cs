namespace ActorOrchestrator.NodeAgent.Runtime;

public enum ContainerRuntimeErrorReason
{
    /// <summary>The image is not on the node (and was not pulled).</summary>
    ImageNotFound,

    /// <summary>No container (or exec session) with that id.</summary>
    ContainerNotFound,

    /// <summary>A container with that name (that attempt) already exists.</summary>
    NameConflict,

    /// <summary>The operation does not apply in the container's state (e.g. exec in a stopped container).</summary>
    InvalidState,

    /// <summary>The engine created the container but could not start its process (e.g. executable not found).</summary>
    StartFailed,

    /// <summary>The runtime's own time limit for the call elapsed.</summary>
    Timeout,

    /// <summary>The engine could not be reached.</summary>
    EngineUnavailable,

    /// <summary>The engine refused or failed the request for another reason.</summary>
    EngineError,
}

/// <summary>A failed container runtime call, with a reason the caller can act on.</summary>
public sealed class ContainerRuntimeException : Exception
{
    public ContainerRuntimeException(ContainerRuntimeErrorReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ContainerRuntimeErrorReason Reason { get; }

    /// <summary>True when retrying the same call later may succeed.</summary>
    public bool IsTransient => Reason is ContainerRuntimeErrorReason.Timeout or ContainerRuntimeErrorReason.EngineUnavailable;

    public override string ToString() => $"{Reason}: {base.ToString()}";
}
