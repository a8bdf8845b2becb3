namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>A node agent of a test cluster: its name, loopback address, agent port and process.</summary>
public sealed record TestNode(string Name, string Address, int Port, string? Labels)
{
    public ManagedProcess? Process { get; set; }
}
