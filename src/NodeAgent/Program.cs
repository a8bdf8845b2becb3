using ActorOrchestrator.Hosting;
using ActorOrchestrator.NodeAgent.Node;
using ActorOrchestrator.NodeAgent.Pods;
using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgent.Streaming;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddCommandLine(args, ClusterSettings.CommonSwitches.Concat(AgentOptions.Switches).ToDictionary());
var cluster = ClusterSettings.From(builder.Configuration);
var options = AgentOptions.From(builder.Configuration);

builder.WebHost.UseUrls($"http://{options.Address}:{options.Port}");
builder.UseOrleansClient(client => ClusterClientSetup.Configure(client, cluster));
// The agent API and the pods must not wait for the control plane: start everything at once.
builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(sp => NodeFleet.Create(options, sp));
builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeFleet>());
builder.Services.AddSingleton<IContainerLocator>(sp => sp.GetRequiredService<NodeFleet>());
builder.Services.AddSingleton(sp => sp.GetRequiredService<NodeFleet>().Runtime);
builder.Services.AddSingleton(sp => new AgentApiServer(sp.GetRequiredService<IContainerLocator>(), sp.GetRequiredService<IContainerRuntime>(),
    loggerFactory: sp.GetRequiredService<ILoggerFactory>(), time: sp.GetRequiredService<TimeProvider>()));
builder.Services.AddClusterTelemetry(builder.Configuration, "actororchestrator-node-agent", PodManager.MeterName, RuntimeMetrics.MeterName);

var app = builder.Build();
app.UseWebSockets();
app.Services.GetRequiredService<AgentApiServer>().Map(app);
app.MapGet("/healthz", () => "ok");
app.MapMetrics();
await app.RunAsync();
