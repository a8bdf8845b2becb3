using System.Diagnostics;
using System.Text;

namespace ActorOrchestrator.NodeAgentTests.Streaming;

public sealed record KubectlOutput(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}

/// <summary>Stock kubectl against a test server, with a HOME and kubeconfig of its own and a deadline on every run.</summary>
public sealed class KubectlRunner : IDisposable
{
    private readonly string _home;
    private readonly string _kubeconfig;

    public KubectlRunner(string serverUrl)
    {
        _home = Directory.CreateTempSubdirectory("ao-streaming-kubectl-").FullName;
        _kubeconfig = Path.Combine(_home, "kubeconfig");
        File.WriteAllText(_kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {serverUrl}
            users:
            - name: test
              user: {"{}"}
            contexts:
            - name: test
              context: {"{cluster: test, user: test, namespace: default}"}
            current-context: test
            """);
    }

    public async Task<KubectlOutput> RunAsync(string[] arguments, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(arguments, stdin is not null, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish in time: {await output} {await error}");
        }
        return new KubectlOutput(process.ExitCode, await output, await error);
    }

    /// <summary>A kubectl that keeps running (logs -f, port-forward); its lines are collected.</summary>
    public RunningKubectl Start(string[] arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Start(arguments, false, environment));

    private Process Start(string[] arguments, bool redirectInput, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["HOME"] = _home;
        start.Environment["KUBECONFIG"] = _kubeconfig;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start kubectl");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl cache file still being written; the temp directory is cleaned eventually.
        }
    }
}

public sealed class RunningKubectl : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    public RunningKubectl(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_lines) _lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_lines) _lines.Add("stderr: " + e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public bool HasExited => _process.HasExited;

    public Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what) =>
        Infrastructure.Eventually.WaitForAsync(() => Task.FromResult(Lines.Any(match) || HasExited), found => found, timeout, what + "; lines: " + string.Join(" | ", Lines))
            .ContinueWith(t =>
            {
                if (t.IsFaulted) throw t.Exception!.InnerException!;
                if (!Lines.Any(match)) throw new InvalidOperationException($"kubectl exited before {what}: {string.Join(" | ", Lines)}");
            }, TaskScheduler.Default);

    public void Stop()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
