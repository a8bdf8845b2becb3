using System.Globalization;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store;
using ActorOrchestrator.Store.Reading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Events;

public sealed class EventOptions
{
    /// <summary>How long an event lives after its last occurrence (Kubernetes: one hour).</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Deletes events whose last occurrence is older than their time to live. Each delete is conditional
/// on the revision that was found old, so an event that recurred meanwhile stays.
/// </summary>
public sealed partial class EventSweeper(
    ObjectReader reader, IGrainFactory grains, EventOptions options, TimeProvider time, ILogger<EventSweeper> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(options.TimeToLive.Ticks / 10, TimeSpan.FromSeconds(5).Ticks, TimeSpan.FromMinutes(5).Ticks));
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is StoreUnavailableException or OrleansException or TimeoutException)
            {
                LogSweepFailed(ex.Message);
            }
        }
    }

    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var expired = await reader.ListUnchangedForAsync(ResourceRegistry.Events.StorageKey, options.TimeToLive, BatchSize, cancellationToken);
        var removed = 0;
        foreach (var (key, revision) in expired)
        {
            try
            {
                await ObjectGrains.Get(grains, key).Delete(new DeleteCommand(
                    PreconditionResourceVersion: revision.ToString(CultureInfo.InvariantCulture)));
                removed++;
            }
            catch (ApiException ex) when (ex.Code is 404 or 409)
            {
                // Gone already, or it recurred: either way nothing to do.
            }
        }
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiring old events failed; will retry: {Reason}")]
    private partial void LogSweepFailed(string reason);
}
