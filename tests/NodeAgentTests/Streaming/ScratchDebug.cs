namespace ActorOrchestrator.NodeAgentTests.Streaming;

public sealed class ScratchDebug(KubiaPodFixture pod, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<KubiaPodFixture>
{
    [Fact]
    public async Task Debug()
    {
        KubectlOutput r;
        try { r = await pod.Kubectl.RunAsync(["exec", "kubia", "--", "echo", "hi"], environment: new Dictionary<string, string> { ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false", ["DEBUG"] = "true" }, timeout: TimeSpan.FromSeconds(8));
        output.WriteLine(r.ToString()); } catch (TimeoutException e) { output.WriteLine(e.Message); }

        output.WriteLine(string.Join("\n", pod.ApiServer.Requests));
        output.WriteLine(string.Join("\n", pod.Logs.Entries));
    }
}
