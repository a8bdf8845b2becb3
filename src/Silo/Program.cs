using ActorOrchestrator.Grains;
using ActorOrchestrator.Hosting;
using ActorOrchestrator.Silo;
using Orleans.Configuration;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddCommandLine(args, ClusterSettings.CommonSwitches.Concat(SiloSettings.Switches).ToDictionary());
var cluster = ClusterSettings.From(builder.Configuration);
var silo = SiloSettings.From(builder.Configuration);

await SchemaAtStartup.ApplyAsync(cluster.ConnectionString, TimeSpan.FromSeconds(60));

builder.WebHost.UseUrls(silo.HttpUrl);
builder.Services.AddObjectStoreReading(cluster.ConnectionString, o =>
{
    if (builder.Configuration["AO_LOG_RETENTION"] is { } retention) o.LogRetention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture);
});
builder.Services.AddControlPlaneGrainServices(builder.Configuration);
builder.Services.AddClusterTelemetry(builder.Configuration, "actororchestrator-silo", ControlPlaneGrainServices.Meters);

builder.UseOrleans(orleans =>
{
    orleans.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = cluster.ClusterId;
        o.ServiceId = cluster.ServiceId;
    });
    // A silo killed outright is declared dead after about ProbeTimeout × NumMissedProbesLimit (~10 s), so its
    // grains come back on the survivors well inside the 30 s the control plane promises.
    orleans.Configure<ClusterMembershipOptions>(o =>
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(3);
        o.NumMissedProbesLimit = 3;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
    });
    orleans.ConfigureEndpoints(silo.Advertise, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
    orleans.UseAdoNetClustering(o =>
    {
        o.Invariant = "Npgsql";
        o.ConnectionString = cluster.ConnectionString;
    });
    orleans.AddAdoNetGrainStorageAsDefault(o =>
    {
        o.Invariant = "Npgsql";
        o.ConnectionString = cluster.ConnectionString;
    });
    // Grain state as plain JSON rows: readable in psql, and no .NET type names to break on a rename.
    orleans.UseSystemTextJsonGrainStorageSerializer();
    orleans.UseAdoNetReminderService(o =>
    {
        o.Invariant = "Npgsql";
        o.ConnectionString = cluster.ConnectionString;
    });
    orleans.AddActivityPropagation();
    orleans.AddDashboard();
});

var app = builder.Build();
app.MapOrleansDashboard("/dashboard");
app.MapMetrics();
app.MapGet("/healthz", () => "ok");
await app.RunAsync();
