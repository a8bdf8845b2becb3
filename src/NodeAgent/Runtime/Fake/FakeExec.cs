using System.Text;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>A scripted answer to an exec: writes output and returns an exit code.</summary>
public delegate Task<int> FakeExecHandler(FakeExec exec);

/// <summary>An exec session in the fake engine: the command, the target process and the caller's streams.</summary>
public sealed class FakeExec(FakeProcess process, ExecRequest request, CancellationToken cancellationToken)
{
    public FakeProcess Process { get; } = process;
    public IReadOnlyList<string> Command => request.Command;
    public bool Tty => request.Tty;

    /// <summary>Cancelled when the caller gives up or the exec times out.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public async Task<string> ReadStdinToEndAsync()
    {
        if (request.Stdin is null)
        {
            return "";
        }
        using var reader = new StreamReader(request.Stdin, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync(CancellationToken);
    }

    public Task OutAsync(string text) => WriteAsync(request.Stdout, text);

    /// <summary>With a TTY, stderr goes to stdout as on a terminal.</summary>
    public Task ErrAsync(string text) => WriteAsync(request.Tty ? request.Stdout : request.Stderr, text);

    public Task Delay(TimeSpan delay) => Task.Delay(delay, Process.Time, CancellationToken);

    private async Task WriteAsync(Stream? stream, string text)
    {
        if (stream is not null)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), CancellationToken);
            await stream.FlushAsync(CancellationToken);
        }
    }
}
