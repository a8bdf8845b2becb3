using System.Diagnostics;

namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>Runs a repository script (<c>deploy/up.sh</c>, ...) with bash, bounded in time, its output appended to a log file.</summary>
public static class Script
{
    /// <summary>Returns the exit code; <paramref name="onLine"/> sees each line as it comes (for a progress display).</summary>
    public static async Task<int> RunAsync(
        string root, string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string logFile, TimeSpan timeout, Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        start.ArgumentList.Add(Path.Combine(root, script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // `dotnet run` leaves MSBuild variables behind that would steer the script's own `dotnet build`.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment) start.Environment[key] = value;

        await using var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var gate = new object();
        void Collect(string line)
        {
            lock (gate) log.WriteLine(line);
            onLine?.Invoke(line);
        }
        Collect($"---- {DateTime.UtcNow:O} {script} {string.Join(' ', start.ArgumentList.Skip(1))}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash " + script);
        var stdout = PumpAsync(process.StandardOutput, Collect);
        var stderr = PumpAsync(process.StandardError, Collect);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new TimeoutException($"{script} did not finish within {timeout.TotalSeconds:F0}s (log: {logFile})");
        }
        // The programs a script starts detach from its output, so both pipes end with the script.
        await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        return process.ExitCode;
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> collect)
    {
        while (await reader.ReadLineAsync() is { } line) collect(line);
    }
}
