namespace ActorOrchestrator.IntegrationTests.Grains;

/// <summary>A tiny grain that exercises grain storage and reminders through the providers.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task SetValue(string value);

    Task<string?> GetValue();

    /// <summary>Identifies the current activation, so a test can see that a new one was created.</summary>
    Task<Guid> GetActivationId();

    Task Deactivate();

    Task RegisterReminder(string name, TimeSpan dueTime, TimeSpan period);

    Task<bool> HasReminder(string name);

    Task UnregisterReminder(string name);

    Task<int> GetReminderTicks();
}
