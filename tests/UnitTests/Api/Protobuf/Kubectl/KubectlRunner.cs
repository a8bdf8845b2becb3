using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>
/// Runs the kubectl on PATH against a capture server, with its own HOME and kubeconfig so no
/// user configuration or discovery cache leaks in.
/// </summary>
internal sealed class KubectlRunner : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _home = Directory.CreateTempSubdirectory("ao-kubectl-").FullName;
    private readonly string _kubeconfig;

    public KubectlRunner(string serverUrl)
    {
        _kubeconfig = Path.Combine(_home, "kubeconfig");
        // JSON is YAML, so a kubeconfig may be written as JSON.
        var kubeconfig = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject { ["name"] = "capture", ["cluster"] = new JsonObject { ["server"] = serverUrl } }),
            ["users"] = new JsonArray(new JsonObject { ["name"] = "capture", ["user"] = new JsonObject() }),
            ["contexts"] = new JsonArray(new JsonObject
            {
                ["name"] = "capture",
                ["context"] = new JsonObject { ["cluster"] = "capture", ["user"] = "capture", ["namespace"] = "default" },
            }),
            ["current-context"] = "capture",
        };
        File.WriteAllText(_kubeconfig, kubeconfig.ToJsonString());
    }

    /// <summary>The kubectl these tests need, or a failure that says how to get it: never a silent skip.</summary>
    public string Executable { get; } = FindOnPath("kubectl")
        ?? throw new InvalidOperationException(
            "kubectl is not on PATH. The protobuf tests run the real kubectl (1.32) against a loopback server; " +
            "install kubectl 1.32 (or a dispatcher that serves it) and put it on PATH.");

    /// <summary>Puts a file in kubectl's working directory, for flags such as --from-file.</summary>
    public void WriteFile(string name, byte[] content) => File.WriteAllBytes(Path.Combine(_home, name), content);

    public string Home => _home;

    public KubectlResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _home,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = _home;
        start.Environment["KUBECONFIG"] = _kubeconfig;
        start.Environment.Remove("KUBECTL_EXTERNAL_DIFF");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Deadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish in {Deadline.TotalSeconds} s");
        }
        return new KubectlResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
