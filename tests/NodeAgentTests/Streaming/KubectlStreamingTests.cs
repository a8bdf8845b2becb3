using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ActorOrchestrator.NodeAgentTests.Infrastructure;

namespace ActorOrchestrator.NodeAgentTests.Streaming;

/// <summary>
/// Stock kubectl 1.32 against the agent's streaming API through the Gateway's relay, on a real pod:
/// logs, exec and port-forward, over WebSocket (kubectl's default) and over the SPDY fallback.
/// </summary>
[Trait("Category", "Docker")]
public sealed partial class KubectlStreamingTests(KubiaPodFixture pod) : IClassFixture<KubiaPodFixture>
{
    private static readonly Dictionary<string, string> WebSockets = [];
    private static readonly Dictionary<string, string> SpdyOnly = new()
    {
        ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false",
        ["KUBECTL_PORT_FORWARD_WEBSOCKETS"] = "false",
    };

    public static TheoryData<string> Transports => ["websocket", "spdy"];

    private static Dictionary<string, string> Environment(string transport) => transport == "spdy" ? SpdyOnly : WebSockets;

    [Fact]
    public async Task Logs_all_tail_and_timestamps()
    {
        var all = await pod.Kubectl.RunAsync(["logs", "kubia"]);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.StartsWith("Kubia server starting...\n", all.Output);

        await HitPodAsync();
        var tail = await pod.Kubectl.RunAsync(["logs", "kubia", "--tail=1"]);
        Assert.True(tail.ExitCode == 0, tail.ToString());
        Assert.Single(tail.Output.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("Received request from ", tail.Output);

        var stamped = await pod.Kubectl.RunAsync(["logs", "kubia", "--timestamps"]);
        Assert.True(stamped.ExitCode == 0, stamped.ToString());
        Assert.Matches(TimestampedStart(), stamped.Output.Split('\n')[0]);
    }

    [Fact]
    public async Task Logs_follow_streams_new_lines_until_stopped()
    {
        using var follow = pod.Kubectl.Start(["logs", "-f", "kubia"]);
        await follow.WaitForLineAsync(l => l == "Kubia server starting...", TimeSpan.FromSeconds(30), "the first log line");
        var before = follow.Lines.Count(l => l.StartsWith("Received request", StringComparison.Ordinal));

        await HitPodAsync();

        await Eventually.WaitForAsync(() => Task.FromResult(follow.Lines.Count(l => l.StartsWith("Received request", StringComparison.Ordinal))),
            n => n > before, TimeSpan.FromSeconds(30), "the followed log to show the new request");
        Assert.False(follow.HasExited);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Exec_prints_output_reports_exit_codes_and_takes_stdin(string transport)
    {
        var env = Environment(transport);
        var echo = await pod.Kubectl.RunAsync(["exec", "kubia", "--", "echo", "hi"], environment: env);
        Assert.True(echo.ExitCode == 0, echo.ToString());
        Assert.Equal("hi\n", echo.Output);

        var failing = await pod.Kubectl.RunAsync(["exec", "kubia", "--", "sh", "-c", "echo oops >&2; exit 3"], environment: env);
        Assert.Equal(3, failing.ExitCode);
        Assert.Contains("oops", failing.Error);
        Assert.Contains("command terminated with exit code 3", failing.Error);

        var input = string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i}\n"));
        var cat = await pod.Kubectl.RunAsync(["exec", "-i", "kubia", "--", "cat"], stdin: input, environment: env);
        Assert.True(cat.ExitCode == 0, cat.ToString());
        Assert.Equal(input, cat.Output);

        AssertTransport("/exec", transport);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Port_forward_serves_concurrent_connections_and_releases_them(string transport)
    {
        await Eventually.WaitForAsync(() => Task.FromResult(pod.Agent.Stats.Sessions), n => n == 0, TimeSpan.FromSeconds(15), "earlier sessions to end");
        var port = FreePort();
        using var forward = pod.Kubectl.Start(["port-forward", "pod/kubia", $"{port}:8080"], Environment(transport));
        await forward.WaitForLineAsync(l => l.Contains($"Forwarding from 127.0.0.1:{port}"), TimeSpan.FromSeconds(30), "port-forward to listen");

        Assert.Equal("You've hit kubia\n", await GetBodyAsync(port));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => GetBodyAsync(port)));
        Assert.All(concurrent, body => Assert.Equal("You've hit kubia\n", body));
        await Eventually.WaitForAsync(() => Task.FromResult(pod.Agent.Stats.PortForwardConnections), n => n == 0, TimeSpan.FromSeconds(10),
            "every pod connection to be closed after its local connection");
        Assert.Equal(1, pod.Agent.Stats.Sessions);

        forward.Stop();
        await Eventually.WaitForAsync(() => Task.FromResult(pod.Agent.Stats.Sessions), n => n == 0, TimeSpan.FromSeconds(15),
            "the agent to release the session once kubectl is gone");
        AssertTransport("/portforward", transport);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Port_forward_carries_fifty_megabytes_intact(string transport)
    {
        const int size = 50 * 1024 * 1024;
        var httpPort = transport == "spdy" ? 8082 : 8081;
        var expected = (await pod.ExecAsync("sh", "-c",
            $"mkdir -p /tmp/www{httpPort} && head -c {size} /dev/urandom > /tmp/www{httpPort}/big && sha256sum /tmp/www{httpPort}/big && httpd -p {httpPort} -h /tmp/www{httpPort}")).Split(' ')[0];

        var port = FreePort();
        using var forward = pod.Kubectl.Start(["port-forward", "pod/kubia", $"{port}:{httpPort}"], Environment(transport));
        await forward.WaitForLineAsync(l => l.Contains($"Forwarding from 127.0.0.1:{port}"), TimeSpan.FromSeconds(30), "port-forward to listen");

        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        await using var body = await client.GetStreamAsync(new Uri($"http://127.0.0.1:{port}/big"));
        var (hash, length) = await HashAsync(body);
        Assert.Equal(size, length);
        Assert.Equal(expected, hash);
    }

    [Fact]
    public async Task Refusals_read_like_kubernetes()
    {
        var exec = await pod.Kubectl.RunAsync(["exec", "kubia", "-c", "nope", "--", "true"]);
        Assert.NotEqual(0, exec.ExitCode);
        Assert.Contains("container nope is not valid for pod kubia", exec.Error);

        var logs = await pod.Kubectl.RunAsync(["logs", "kubia", "-c", "nope"]);
        Assert.NotEqual(0, logs.ExitCode);
        Assert.Contains("container nope is not valid for pod kubia", logs.Error);
    }

    /// <summary>kubectl needs a terminal for -t, so the channel protocol is spoken here directly, through the relay.</summary>
    [Fact]
    public async Task Exec_with_a_tty_takes_its_size_from_the_resize_stream()
    {
        var streams = await ExecOverChannelsAsync("v5.channel.k8s.io", "command=sh&command=-c&command=sleep%201%3B%20stty%20size&stdout=true&tty=true",
            Encoding.ASCII.GetBytes("\u0004{\"Width\":100,\"Height\":40}\n"));
        Assert.Equal("40 100", streams[1].Trim());
        Assert.Equal("""{"metadata":{},"status":"Success"}""", streams[3]);
    }

    /// <summary>kubectl offers only v5 over WebSocket; other clients still speak v4.</summary>
    [Fact]
    public async Task Exec_over_v4_reports_the_exit_status_too()
    {
        var streams = await ExecOverChannelsAsync("v4.channel.k8s.io", "command=sh&command=-c&command=echo%20out%3B%20echo%20err%20%3E%262%3B%20exit%203&stdout=true&stderr=true");
        Assert.Equal(("out\n", "err\n"), (streams[1], streams[2]));
        Assert.Contains("\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}", streams[3]);
    }

    /// <summary>Runs an exec over a raw channel-protocol WebSocket; returns what each stream carried, once the agent closed normally.</summary>
    private async Task<Dictionary<byte, string>> ExecOverChannelsAsync(string protocol, string query, params byte[][] send)
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.AddSubProtocol(protocol);
        var url = new Uri(pod.ApiServer.Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/api/v1/namespaces/default/pods/kubia/exec?" + query);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(url, deadline.Token);
        Assert.Equal(protocol, socket.SubProtocol);
        foreach (var message in send) await socket.SendAsync(message, System.Net.WebSockets.WebSocketMessageType.Binary, true, deadline.Token);

        var streams = new Dictionary<byte, StringBuilder>();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, deadline.Token);
            if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Close) break;
            Assert.True(received.EndOfMessage);
            if (received.Count == 0) continue;
            (streams.TryGetValue(buffer[0], out var text) ? text : streams[buffer[0]] = new StringBuilder()).Append(Encoding.UTF8.GetString(buffer, 1, received.Count - 1));
        }
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        return streams.ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    private void AssertTransport(string subresource, string transport)
    {
        var upgrades = pod.ApiServer.Requests.Where(r => r.Contains(subresource, StringComparison.Ordinal)).ToList();
        var wanted = transport == "spdy" ? "upgrade=SPDY/3.1" : "upgrade=websocket";
        Assert.True(upgrades.Any(r => r.Contains(wanted, StringComparison.OrdinalIgnoreCase)), $"expected a {wanted} request among: {string.Join(" | ", upgrades)}");
    }

    /// <summary>One plain HTTP/1.0 exchange over its own TCP connection: each one is a new port-forward stream pair.</summary>
    private static async Task<string> GetBodyAsync(int port)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token);
        await socket.SendAsync("GET / HTTP/1.0\r\nHost: kubia\r\n\r\n"u8.ToArray(), SocketFlags.None, deadline.Token);
        using var response = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0) response.Write(buffer, 0, read);
        var text = Encoding.UTF8.GetString(response.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return split < 0 ? text : text[(split + 4)..];
    }

    /// <summary>Makes kubia log a "Received request" line (straight to the pod, not through port-forward).</summary>
    private async Task HitPodAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("You've hit kubia\n", await client.GetStringAsync(new Uri($"http://{pod.PodIp}:8080/")));
    }

    private static async Task<(string Hash, long Length)> HashAsync(Stream body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            length += read;
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), length);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z Kubia server starting\.\.\.$")]
    private static partial Regex TimestampedStart();
}
