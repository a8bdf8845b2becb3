namespace ActorOrchestrator.IntegrationTests.Infrastructure;

/// <summary>Waits on a condition with a deadline instead of sleeping and hoping.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
