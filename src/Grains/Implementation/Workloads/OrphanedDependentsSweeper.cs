using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store;
using ActorOrchestrator.Store.Reading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>
/// The garbage collector's safety net: an owner deleted in the Background goes first and its grain then
/// deletes the dependents; if a silo dies between the two, the dependents would leak. This sweep finds
/// objects whose controller no longer exists and deletes them, so nothing outlives its owner for long.
/// </summary>
public sealed partial class OrphanedDependentsSweeper(ObjectReader reader, IGrainFactory grains, TimeProvider time, ILogger<OrphanedDependentsSweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                foreach (var (key, uid) in await reader.ListOrphanedDependentsAsync(200, stoppingToken))
                {
                    try
                    {
                        await ObjectGrains.Get(grains, key).Delete(new DeleteCommand("Background", PreconditionUid: uid));
                        await ReleaseJobPodAsync(key, stoppingToken);
                        LogCollected(key.ToString());
                    }
                    catch (ApiException ex) when (ex.Code is 404 or 409)
                    {
                    }
                }
            }
            catch (Exception ex) when (ex is StoreUnavailableException or OrleansException or TimeoutException or ApiException)
            {
                LogSweepFailed(ex.Message);
            }
        }
    }

    /// <summary>A pod whose Job is gone would otherwise keep the Job's tracking finalizer, and never go.</summary>
    private async Task ReleaseJobPodAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (key.Resource != ResourceRegistry.Pods.StorageKey) return;
        if (await reader.GetAsync(key, cancellationToken) is not { } stored) return;
        await JobTrackingFinalizer.ReleaseAsync(grains, JsonNode.Parse(stored.Json)!.AsObject());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Key}: its owner is gone")]
    private partial void LogCollected(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for objects whose owner is gone failed; will retry: {Reason}")]
    private partial void LogSweepFailed(string reason);
}
