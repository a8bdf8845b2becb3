using System.Diagnostics;

namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>The commit the benchmark runs from, recorded beside its figures.</summary>
public static class GitCommit
{
    public static async Task<string> ReadAsync(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", root, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var output = await git.StandardOutput.ReadToEndAsync(deadline.Token);
            await git.WaitForExitAsync(deadline.Token);
            return output.Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return "unknown";
        }
    }
}
