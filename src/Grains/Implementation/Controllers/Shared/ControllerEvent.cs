namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// An event a decision wants recorded about the controller object, with Kubernetes' exact reason and
/// message. Events in a plan describe the plan's actions as if they succeed; the grain records a failure
/// event instead (<see cref="PodEvents.FailedCreate"/>, <see cref="PodEvents.FailedDelete"/>) when one does not.
/// </summary>
public sealed record ControllerEvent(string Type, string Reason, string Message)
{
    public static ControllerEvent Normal(string reason, string message) => new("Normal", reason, message);

    public static ControllerEvent Warning(string reason, string message) => new("Warning", reason, message);
}

/// <summary>The events Kubernetes' PodControl records for the controller that creates or deletes a pod.</summary>
public static class PodEvents
{
    /// <summary>Recorded by the grain once the server has named the pod (pods are created with generateName).</summary>
    public static ControllerEvent SuccessfulCreate(string podName) => ControllerEvent.Normal("SuccessfulCreate", $"Created pod: {podName}");

    public static ControllerEvent FailedCreate(string error) => ControllerEvent.Warning("FailedCreate", $"Error creating: {error}");

    public static ControllerEvent SuccessfulDelete(string podName) => ControllerEvent.Normal("SuccessfulDelete", $"Deleted pod: {podName}");

    public static ControllerEvent FailedDelete(string error) => ControllerEvent.Warning("FailedDelete", $"Error deleting: {error}");
}
