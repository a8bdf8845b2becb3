using System.Diagnostics;
using System.Text;

namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>The outcome of one kubectl run.</summary>
public sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    public KubectlResult EnsureSuccess()
    {
        if (ExitCode != 0) throw new InvalidOperationException($"kubectl failed ({ExitCode}): {Error}{Output}");
        return this;
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}

/// <summary>
/// Stock kubectl pointed at a test cluster, with a HOME of its own so that no discovery cache from
/// another run can hide a bug.
/// </summary>
public sealed class Kubectl
{
    private readonly string _home;
    private readonly string _kubeconfig;

    public Kubectl(string gatewayUrl)
    {
        _home = Directory.CreateTempSubdirectory("ao-kubectl-home-").FullName;
        _kubeconfig = Path.Combine(_home, "kubeconfig");
        File.WriteAllText(_kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {{gatewayUrl}}
            users:
            - name: admin
              user: {}
            contexts:
            - name: test
              context:
                cluster: test
                user: admin
                namespace: default
            current-context: test
            """);
    }

    private Kubectl(string home, string kubeconfig)
    {
        _home = home;
        _kubeconfig = kubeconfig;
    }

    /// <summary>kubectl with a fresh HOME and an existing kubeconfig, e.g. the one <c>deploy/up.sh</c> writes.</summary>
    public static Kubectl WithKubeconfig(string kubeconfig) =>
        new(Directory.CreateTempSubdirectory("ao-kubectl-home-").FullName, kubeconfig);

    public string KubeconfigPath => _kubeconfig;

    public Task<KubectlResult> RunAsync(params string[] arguments) => RunAsync(arguments, null, TimeSpan.FromSeconds(60));

    public async Task<KubectlResult> RunAsync(IEnumerable<string> arguments, string? stdin, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, stdin is not null, environment);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:F0}s; output so far: {await output}{await error}");
        }
        return new KubectlResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts kubectl without waiting for it, for commands that stream (<c>get -w</c>, <c>logs -f</c>).</summary>
    public StreamingKubectl Stream(params string[] arguments) => new(Start(arguments, redirectInput: false));

    private Process Start(IEnumerable<string> arguments, bool redirectInput, IReadOnlyDictionary<string, string>? environment = null)
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
        start.Environment["KUBECTL_EXTERNAL_DIFF"] = "";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start kubectl");
    }
}

/// <summary>A kubectl that keeps running; its output lines are collected as they arrive.</summary>
public sealed class StreamingKubectl : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    public StreamingKubectl(Process process)
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
            lock (_lines) return _lines.ToList();
        }
    }

    public bool HasExited => _process.HasExited;

    public Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what) =>
        Eventually.WaitForAsync(() => Task.FromResult(Lines.Any(match)), timeout, what + " in: " + string.Join(" | ", Lines));

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
