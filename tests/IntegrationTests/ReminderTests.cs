using ActorOrchestrator.IntegrationTests.Grains;
using ActorOrchestrator.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrchestrator.IntegrationTests;

/// <summary>Reminders through the ADO.NET reminder table on PostgreSQL, via a grain and directly.</summary>
[Trait("Category", "Integration")]
public sealed class ReminderTests(SiloWithDatabase fixture) : IClassFixture<SiloWithDatabase>
{
    [Fact]
    public async Task Grain_reminder_is_stored_fires_and_is_removed_on_unregister()
    {
        var grain = fixture.Silo.GrainFactory.GetGrain<IProbeGrain>($"reminder-{Guid.NewGuid():N}");

        await grain.RegisterReminder("tick", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        Assert.True(await grain.HasReminder("tick"));
        Assert.Equal(1L, await CountReminderRows("tick"));
        await Eventually.TrueAsync(
            async () => await grain.GetReminderTicks() >= 1, TimeSpan.FromSeconds(60), "the reminder to fire");

        await grain.UnregisterReminder("tick");

        Assert.False(await grain.HasReminder("tick"));
        Assert.Equal(0L, await CountReminderRows("tick"));
    }

    [Fact]
    public async Task Reminder_table_round_trips_rows_ranges_and_etags()
    {
        var table = fixture.Silo.Services.GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("probe", $"table-{Guid.NewGuid():N}");
        // Stored with millisecond precision; a round trip must give back the same instant in UTC.
        var startAt = TruncateToMilliseconds(DateTime.UtcNow);

        var etag1 = await table.UpsertRow(Entry(grainId, startAt, TimeSpan.FromMinutes(5)));
        Assert.NotNull(etag1);
        var row = await table.ReadRow(grainId, "r");
        Assert.NotNull(row);
        Assert.Equal(startAt, row.StartAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(etag1, row.ETag);

        var etag2 = await table.UpsertRow(Entry(grainId, startAt, TimeSpan.FromMinutes(10)));
        Assert.NotNull(etag2);
        Assert.NotEqual(etag1, etag2);
        Assert.Equal(TimeSpan.FromMinutes(10), Assert.Single((await table.ReadRows(grainId)).Reminders).Period);

        // The provider picks the range query by comparing the bounds as signed integers.
        var hash = unchecked((int)grainId.GetUniformHashCode());
        Assert.Contains(await ReadRange(table, hash - 1, hash), e => e.GrainId == grainId);
        Assert.DoesNotContain(await ReadRange(table, hash, hash + 1), e => e.GrainId == grainId);
        Assert.Contains(await ReadRange(table, int.MaxValue, hash), e => e.GrainId == grainId);

        Assert.False(await table.RemoveRow(grainId, "r", etag1));
        Assert.True(await table.RemoveRow(grainId, "r", etag2));
        Assert.Null(await table.ReadRow(grainId, "r"));
    }

    private static ReminderEntry Entry(GrainId grainId, DateTime startAt, TimeSpan period) =>
        new() { GrainId = grainId, ReminderName = "r", StartAt = startAt, Period = period };

    private static async Task<IList<ReminderEntry>> ReadRange(IReminderTable table, int begin, int end) =>
        (await table.ReadRows(unchecked((uint)begin), unchecked((uint)end))).Reminders;

    private static DateTime TruncateToMilliseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private Task<long> CountReminderRows(string name) =>
        fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @s AND ReminderName = @n",
            ("s", fixture.ClusterId), ("n", name));
}
