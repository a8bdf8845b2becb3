using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Namespaces;
using ActorOrchestrator.Grains.Objects;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains;

/// <summary>
/// Creates the objects every cluster starts with (the system namespaces). Every silo runs it at
/// start; whichever comes first creates them and the others find them there.
/// </summary>
public sealed partial class ClusterBootstrap(IGrainFactory grains, ILogger<ClusterBootstrap> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var name in NamespaceGrain.SystemNamespaces)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await EnsureNamespaceAsync(name);
                    break;
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException or ApiException { Code: >= 500 })
                {
                    LogNotYet(name, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
    }

    private async Task EnsureNamespaceAsync(string name)
    {
        var manifest = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name },
        };
        try
        {
            await ObjectGrains.Get(grains, ResourceRegistry.Namespaces, "", name).Create(new CreateCommand(manifest.ToJsonString()));
        }
        catch (ApiException ex) when (ex.Code == 409)
        {
            // Created by another silo, or on an earlier start.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cannot create namespace {Name} yet: {Reason}")]
    private partial void LogNotYet(string name, string reason);
}
