using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>Runs one exec on the runtime, whatever carries its streams, and says how it ended.</summary>
internal static class ExecRunner
{
    public static async Task<ExecOutcome> RunAsync(IContainerRuntime runtime, string containerId, ExecOptions options,
        Stream? stdin, Stream? stdout, Stream? stderr, IAsyncEnumerable<TerminalSize>? sizes, CancellationToken cancellationToken)
    {
        try
        {
            var request = new ExecRequest(options.Command, stdin, stdout, stderr, options.Tty) { TerminalSizes = options.Tty ? sizes : null };
            var result = await runtime.ExecAsync(containerId, request, cancellationToken);
            return new ExecOutcome(result.ExitCode);
        }
        catch (ContainerRuntimeException e)
        {
            return ExecOutcome.Failed(e.Message);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The client's side of a stream broke while the process was writing to it.
            return ExecOutcome.Failed("exec stream failed: " + e.Message);
        }
    }
}
