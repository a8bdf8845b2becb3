using Docker.DotNet;
using Docker.DotNet.Models;

namespace ActorOrchestrator.NodeAgent.Runtime;

public sealed partial class DockerContainerRuntime
{
    private static readonly TimeSpan ExecExitPollMax = TimeSpan.FromMilliseconds(100);

    public async Task<ExecResult> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Command.Count == 0)
        {
            throw new ArgumentException("exec needs a command", nameof(request));
        }
        var limit = request.Timeout ?? Timeout.InfiniteTimeSpan;
        using var deadline = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        try
        {
            var created = await CallAsync("exec create", containerId, t => _client.Exec.ExecCreateContainerAsync(containerId, new ContainerExecCreateParameters
            {
                AttachStdin = request.Stdin is not null,
                AttachStdout = true,
                AttachStderr = true,
                Tty = request.Tty,
                Cmd = [.. request.Command],
            }, t), token);
            using var stream = await CallAsync("exec start", containerId, t => _client.Exec.StartAndAttachContainerExecAsync(created.ID, request.Tty, t), token);

            using var stdinDone = CancellationTokenSource.CreateLinkedTokenSource(token);
            var stdin = request.Stdin is null ? Task.CompletedTask : PumpStdinAsync(stream, request.Stdin, stdinDone.Token);
            var resize = request is { Tty: true, TerminalSizes: { } sizes } ? ResizeAsync(created.ID, sizes, stdinDone.Token) : Task.CompletedTask;
            await stream.CopyOutputToAsync(Stream.Null, request.Stdout ?? Stream.Null, request.Stderr ?? Stream.Null, token);
            // The process has closed its output; whatever stdin is still unread, nobody will read it.
            await stdinDone.CancelAsync();
            await IgnoreCancellationAsync(stdin);
            await IgnoreCancellationAsync(resize);
            return new ExecResult(await WaitForExecExitAsync(containerId, created.ID, token));
        }
        catch (Exception error) when (error is not ContainerRuntimeException || deadline.IsCancellationRequested)
        {
            if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ContainerRuntimeException(ContainerRuntimeErrorReason.Timeout,
                    $"exec {string.Join(' ', request.Command)} in {containerId} did not finish within {limit.TotalSeconds:0.###}s", error);
            }
            throw Translate(error, "exec", containerId, limit, deadline, cancellationToken);
        }
    }

    private static async Task PumpStdinAsync(MultiplexedStream stream, Stream stdin, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await stdin.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer, 0, read, cancellationToken);
        }
        // Half-close: the process sees end of input but can still write its output.
        stream.CloseWrite();
    }

    /// <summary>Applies terminal sizes to the exec's TTY; a size the engine refuses is skipped, not fatal.</summary>
    private async Task ResizeAsync(string execId, IAsyncEnumerable<TerminalSize> sizes, CancellationToken cancellationToken)
    {
        await foreach (var size in sizes.WithCancellation(cancellationToken))
        {
            try
            {
                await CallAsync("exec resize", execId, t => _client.Exec.ResizeContainerExecTtyAsync(execId,
                    new ContainerResizeParameters { Width = size.Width, Height = size.Height }, t), cancellationToken);
            }
            catch (ContainerRuntimeException)
            {
                // The process may have ended between the size and the call.
            }
        }
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The stdin pump only stops early when the process already ended.
        }
    }

    /// <summary>The output closes slightly before the engine records the exit code: poll briefly, bounded.</summary>
    private Task<int> WaitForExecExitAsync(string containerId, string execId, CancellationToken cancellationToken) =>
        CallAsync("exec inspect", containerId, async token =>
        {
            var delay = TimeSpan.FromMilliseconds(5);
            while (true)
            {
                var inspected = await _client.Exec.InspectContainerExecAsync(execId, token);
                if (!inspected.Running)
                {
                    return (int)inspected.ExitCode;
                }
                await Task.Delay(delay, _time, token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, ExecExitPollMax.Ticks));
            }
        }, cancellationToken);
}
