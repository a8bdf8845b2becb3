namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>Waits for a condition with a deadline; every wait of the benchmark goes through here or a token with a timeout.</summary>
public static class Deadline
{
    public static async Task WaitForAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await condition(cancellationToken))
            {
                return;
            }
            if (DateTime.UtcNow >= until)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:F0}s waiting for {what}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }
}
