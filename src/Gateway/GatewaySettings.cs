namespace ActorOrchestrator.Gateway;

/// <summary>Where the Gateway listens (plain HTTP on loopback for now).</summary>
public static class GatewaySettings
{
    public static IDictionary<string, string> Switches { get; } = new Dictionary<string, string>
    {
        ["--listen"] = "AO_GATEWAY_LISTEN",
    };

    public const string DefaultListen = "http://127.0.0.1:6443";
}
