using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Gateway.Discovery;

/// <summary>
/// The answer to <c>GET /version</c>. The kubectl installed here is a dispatcher that runs
/// <c>kubectl.1.&lt;minor&gt;</c> matching the server, so <see cref="Minor"/> picks the client:
/// it must stay the Kubernetes minor whose API this server implements.
/// </summary>
public static class VersionInfo
{
    public const string Major = "1";
    public const string Minor = "32";
    public const string GitVersion = "v1.32.0-actororchestrator";

    public static JsonObject Get() => new()
    {
        ["major"] = Major,
        ["minor"] = Minor,
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = GitCommit(),
        ["gitTreeState"] = "clean",
        // Kubernetes' value for "not stamped at build time".
        ["buildDate"] = "1970-01-01T00:00:00Z",
        ["goVersion"] = $"dotnet{Environment.Version}",
        ["compiler"] = "roslyn",
        ["platform"] = Platform(),
    };

    /// <summary>The source revision the SDK stamps into the informational version (<c>1.0.0+&lt;sha&gt;</c>).</summary>
    private static string GitCommit()
    {
        var informational = typeof(VersionInfo).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = informational?.IndexOf('+') ?? -1;
        return plus >= 0 ? informational![(plus + 1)..] : "unknown";
    }

    /// <summary>Go's GOOS/GOARCH spelling, e.g. <c>linux/amd64</c>.</summary>
    private static string Platform()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "unknown";
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "386",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}/{arch}";
    }
}
