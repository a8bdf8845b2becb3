using ActorOrchestrator.Gateway;
using ActorOrchestrator.Gateway.Discovery;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Gateway.Manifests;
using ActorOrchestrator.Gateway.Resources;
using ActorOrchestrator.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddCommandLine(args, ClusterSettings.CommonSwitches.Concat(GatewaySettings.Switches).ToDictionary());
var cluster = ClusterSettings.From(builder.Configuration);

builder.WebHost.UseUrls(builder.Configuration["AO_GATEWAY_LISTEN"] ?? GatewaySettings.DefaultListen);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null); // bodies are bounded (413) where they are read
builder.Services.AddObjectStoreReading(cluster.ConnectionString).AddObjectStoreWatching();
builder.Services.AddResourceApi().AddManifestApi();
builder.Services.AddClusterTelemetry(builder.Configuration, "actororchestrator-gateway", ApiMetrics.MeterName);
builder.UseOrleansClient(client => ClusterClientSetup.Configure(client, cluster));
// Listen at once, even before a silo answers: requests meanwhile get a retryable 503, not a refused connection.
builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);

var app = builder.Build();
app.UseMiddleware<ApiErrorMiddleware>();
app.UseWebSockets(); // exec, attach and port-forward arrive as WebSocket upgrades
app.MapGet("/healthz", () => "ok");
app.MapGet("/livez", () => "ok");
app.MapGet("/readyz", () => "ok");
app.MapMetrics();
app.MapDiscoveryApi();
app.MapManifestApi();
app.MapResourceApi();
await app.RunAsync();
