using System.Diagnostics;

namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>The docker CLI, for what tests check or clean up directly on the engine.</summary>
public static class Docker
{
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }

    /// <summary>Ids of the running containers an agent labelled with this node.</summary>
    public static async Task<IReadOnlyList<string>> ContainersOfNodeAsync(string node, bool all = false)
    {
        var output = await RunAsync(["ps", "-q", .. all ? new[] { "-a" } : [], "--no-trunc", "--filter", $"label=io.actororchestrator.node={node}"]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Removes whatever a test's node left behind, so runs do not accumulate containers.</summary>
    public static async Task RemoveContainersOfNodeAsync(string node)
    {
        var ids = await ContainersOfNodeAsync(node, all: true);
        if (ids.Count > 0) await RunAsync(["rm", "-f", .. ids]);
    }
}
