using System.Text.Json.Nodes;

namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>One capture server and one kubectl home for a test class.</summary>
public sealed class KubectlFixture : IDisposable
{
    private readonly object _gate = new();

    public KubectlFixture()
    {
        Server = new CaptureServer();
        Runner = new KubectlRunner(Server.Url);
        // Inputs for --from-file and tls: a file that is not UTF-8 lands in binaryData.
        Runner.WriteFile("logo.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE]);
        Runner.WriteFile("app.properties", "level=debug\nname=web\n"u8.ToArray());
        var (certificate, key) = SelfSignedCertificate.Pem("web.example.com");
        Runner.WriteFile("tls.crt", certificate);
        Runner.WriteFile("tls.key", key);
    }

    internal CaptureServer Server { get; }

    internal KubectlRunner Runner { get; }

    /// <summary>What kubectl prints for the command with <c>--dry-run=client -o json</c>: the object it would send.</summary>
    public JsonObject DryRun(params string[] command)
    {
        // Flags go before "--", after which kubectl passes everything to the container.
        var end = Array.IndexOf(command, "--") is var dashes and >= 0 ? dashes : command.Length;
        var result = Runner.Run([.. command[..end], "--dry-run=client", "-o", "json", .. command[end..]]);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', command)} --dry-run=client -o json failed: {result}");
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    /// <summary>Runs the command for real and returns the one write (POST) it sent, and how kubectl ended.</summary>
    internal (CapturedRequest Write, KubectlResult Result) CaptureWrite(params string[] command)
    {
        lock (_gate)
        {
            var before = Server.Requests.Count;
            var result = Runner.Run(command);
            var writes = Server.Requests.Skip(before).Where(r => r.Method == "POST").ToList();
            Assert.True(writes.Count == 1, $"kubectl {string.Join(' ', command)} sent {writes.Count} POSTs, expected 1: {result}");
            return (writes[0], result);
        }
    }

    public void Dispose()
    {
        Runner.Dispose();
        Server.Dispose();
    }
}
