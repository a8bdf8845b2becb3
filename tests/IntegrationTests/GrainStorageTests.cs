using ActorOrchestrator.IntegrationTests.Grains;
using ActorOrchestrator.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ActorOrchestrator.IntegrationTests;

/// <summary>Grain state through the ADO.NET storage provider on PostgreSQL, via a grain and directly.</summary>
[Trait("Category", "Integration")]
public sealed class GrainStorageTests(SiloWithDatabase fixture) : IClassFixture<SiloWithDatabase>
{
    private const string StateName = "probe";

    private IGrainStorage Storage(string name = "Default") =>
        fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(name);

    [Fact]
    public async Task State_written_by_a_grain_is_read_back_by_its_next_activation()
    {
        var key = $"state-{Guid.NewGuid():N}";
        var grain = fixture.Silo.GrainFactory.GetGrain<IProbeGrain>(key);

        await grain.SetValue("hello");
        var firstActivation = await grain.GetActivationId();
        await grain.Deactivate();
        await Eventually.TrueAsync(
            async () => await grain.GetActivationId() != firstActivation, TimeSpan.FromSeconds(30), "a new activation of the grain");

        Assert.Equal("hello", await grain.GetValue());
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>(
            "SELECT Version FROM OrleansStorage WHERE ServiceId = @s AND GrainIdExtensionString = @k AND PayloadBinary IS NOT NULL",
            ("s", fixture.ClusterId), ("k", key)));
    }

    [Fact]
    public async Task Writes_with_a_stale_or_missing_etag_are_rejected()
    {
        var grainId = GrainId.Create("probe", $"conflict-{Guid.NewGuid():N}");
        var ownerState = new ProbeState { Value = "first" };
        var owner = new GrainState<ProbeState>(ownerState);
        await Storage().WriteStateAsync(StateName, grainId, owner);
        Assert.Equal("1", owner.ETag);

        // A second activation that never saw the row tries to create it.
        var racer = new GrainState<ProbeState>(new ProbeState { Value = "racer" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, grainId, racer));

        var stale = new GrainState<ProbeState>(new ProbeState { Value = "stale" }) { ETag = owner.ETag };
        ownerState.Value = "second";
        await Storage().WriteStateAsync(StateName, grainId, owner);
        Assert.Equal("2", owner.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, grainId, stale));

        var read = new GrainState<ProbeState>(new ProbeState());
        await Storage().ReadStateAsync(StateName, grainId, read);
        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal("second", read.State?.Value);
    }

    [Fact]
    public async Task Clear_keeps_the_version_chain_and_the_next_write_continues_it()
    {
        var grainId = GrainId.Create("probe", $"clear-{Guid.NewGuid():N}");
        var state = new GrainState<ProbeState>(new ProbeState { Value = "v" });
        await Storage().WriteStateAsync(StateName, grainId, state);

        await Storage().ClearStateAsync(StateName, grainId, state);
        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);

        var read = new GrainState<ProbeState>(new ProbeState());
        await Storage().ReadStateAsync(StateName, grainId, read);
        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);

        read.State = new ProbeState { Value = "again" };
        await Storage().WriteStateAsync(StateName, grainId, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task Clear_with_delete_state_on_clear_removes_the_row()
    {
        var key = $"delete-{Guid.NewGuid():N}";
        var grainId = GrainId.Create("probe", key);
        var storage = Storage(TestSilo.DeleteOnClearStorage);
        var state = new GrainState<ProbeState>(new ProbeState { Value = "v" });
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM OrleansStorage WHERE GrainIdExtensionString = @k", ("k", key)));
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("1", state.ETag);
    }
}
