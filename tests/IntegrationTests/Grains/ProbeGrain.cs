namespace ActorOrchestrator.IntegrationTests.Grains;

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }

    [Id(1)]
    public int ReminderTicks { get; set; }
}

public sealed class ProbeGrain([PersistentState("probe")] IPersistentState<ProbeState> state) : Grain, IProbeGrain, IRemindable
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task SetValue(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetValue() => Task.FromResult(state.State.Value);

    public Task<Guid> GetActivationId() => Task.FromResult(_activationId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task RegisterReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<bool> HasReminder(string name) => await this.GetReminder(name) is not null;

    public async Task UnregisterReminder(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> GetReminderTicks() => Task.FromResult(state.State.ReminderTicks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.ReminderTicks++;
        await state.WriteStateAsync();
    }
}
