using System.Net;
using Microsoft.Extensions.Configuration;

namespace ActorOrchestrator.Silo;

/// <summary>Where this silo listens. Several silos on one machine need distinct ports.</summary>
public sealed record SiloSettings(IPAddress Advertise, int SiloPort, int GatewayPort, string HttpUrl)
{
    public static IDictionary<string, string> Switches { get; } = new Dictionary<string, string>
    {
        ["--silo-port"] = "AO_SILO_PORT",
        ["--gateway-port"] = "AO_SILO_GATEWAY_PORT",
        ["--http"] = "AO_SILO_HTTP",
        ["--event-ttl"] = "AO_EVENT_TTL",
        ["--log-retention"] = "AO_LOG_RETENTION",
        ["--node-grace-seconds"] = "AO_NODE_GRACE_SECONDS",
        ["--node-monitor-seconds"] = "AO_NODE_MONITOR_SECONDS",
        ["--default-toleration-seconds"] = "AO_DEFAULT_TOLERATION_SECONDS",
    };

    public static SiloSettings From(IConfiguration configuration) => new(
        IPAddress.Parse(configuration["AO_ADVERTISE"] ?? "127.0.0.1"),
        int.Parse(configuration["AO_SILO_PORT"] ?? "11111", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(configuration["AO_SILO_GATEWAY_PORT"] ?? "30000", System.Globalization.CultureInfo.InvariantCulture),
        configuration["AO_SILO_HTTP"] ?? "http://127.0.0.1:8081");
}
