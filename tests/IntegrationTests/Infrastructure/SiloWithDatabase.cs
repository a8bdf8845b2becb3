namespace ActorOrchestrator.IntegrationTests.Infrastructure;

/// <summary>Class fixture: a fresh database and one silo on it, shared by the tests of a class.</summary>
public sealed class SiloWithDatabase : IAsyncLifetime
{
    private TestSilo? _silo;

    public ScratchDatabase Database { get; } = new();

    public string ClusterId { get; } = $"it-{Guid.NewGuid():N}";

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _silo = await TestSilo.StartAsync(Database.ConnectionString, ClusterId, "silo-1");
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
