using System.Diagnostics;
using System.Text;

namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>The outcome of one script run: exit code and stdout and stderr interleaved.</summary>
public sealed record ScriptResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>
/// Runs a repository script (<c>deploy/up.sh</c>, ...) with bash, bounded in time, its output kept in the
/// test log directory as well as returned.
/// </summary>
public static class BashScript
{
    public static async Task<ScriptResult> RunAsync(string script, IEnumerable<string> arguments, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // dotnet test sets MSBuild variables that would steer a nested `dotnet build` to this run's own MSBuild.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var output = new StringBuilder();
        var logPath = Path.Combine(RepositoryPaths.LogDirectory, $"{Path.GetFileNameWithoutExtension(script)}-{Guid.NewGuid().ToString("N")[..6]}.log");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash " + script);
        void Collect(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
        }
        var stdout = PumpAsync(process.StandardOutput, Collect);
        var stderr = PumpAsync(process.StandardError, Collect);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await File.WriteAllTextAsync(logPath, output.ToString());
            throw new TimeoutException($"{script} did not finish within {timeout.TotalSeconds:F0}s; output so far:\n{output}");
        }
        // A process the script left running must not hold its output open: that would hang every caller.
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{script} exited but something it started still holds its stdout or stderr open; output:\n{output}");
        }
        await File.WriteAllTextAsync(logPath, output.ToString());
        return new ScriptResult(process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, Action<string?> collect)
    {
        while (await reader.ReadLineAsync() is { } line) collect(line);
    }
}
