namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>The kubelet's <c>getPhase</c>: the pod phase from its container states and restartPolicy.</summary>
internal static class PodPhaseRules
{
    /// <param name="podIsTerminal">The pod is being deleted and its containers are stopped: no restart will follow.</param>
    public static string Compute(string restartPolicy, IReadOnlyList<ContainerStatusView> init, IReadOnlyList<ContainerStatusView> containers, bool podIsTerminal)
    {
        int pendingInitialization = 0, failedInitialization = 0;
        foreach (var status in init)
        {
            switch (status.State)
            {
                case ContainerStateView.Running:
                    pendingInitialization++;
                    break;
                case ContainerStateView.Terminated { ExitCode: not 0 }:
                    failedInitialization++;
                    break;
                case ContainerStateView.Terminated:
                    break;
                case ContainerStateView.Waiting when status.LastState is { ExitCode: not 0 }:
                    failedInitialization++;
                    break;
                default:
                    pendingInitialization++;
                    break;
            }
        }

        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var status in containers)
        {
            switch (status.State)
            {
                case ContainerStateView.Running:
                    running++;
                    break;
                case ContainerStateView.Terminated terminated:
                    stopped++;
                    if (terminated.ExitCode == 0)
                    {
                        succeeded++;
                    }
                    break;
                case ContainerStateView.Waiting when status.LastState is not null:
                    stopped++;
                    break;
                default:
                    waiting++;
                    break;
            }
        }

        if (failedInitialization > 0 && restartPolicy == "Never")
        {
            return "Failed";
        }
        if (podIsTerminal && running == 0)
        {
            // Nothing will run again whatever the policy: it succeeded only if everything did.
            var allSucceeded = pendingInitialization == 0 && failedInitialization == 0 && waiting == 0 && stopped > 0 && stopped == succeeded;
            return allSucceeded ? "Succeeded" : "Failed";
        }
        if (pendingInitialization > 0 || failedInitialization > 0 || waiting > 0)
        {
            return "Pending";
        }
        if (running > 0)
        {
            return "Running";
        }
        if (stopped == 0)
        {
            return "Pending";
        }
        if (restartPolicy == "Always")
        {
            return "Running";
        }
        if (stopped == succeeded)
        {
            return "Succeeded";
        }
        return restartPolicy == "Never" ? "Failed" : "Running";
    }
}
