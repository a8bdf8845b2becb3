namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>Waits for a condition with a deadline, instead of sleeping and hoping.</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (done(last)) return last;
                lastError = null;
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline)
            {
                last = default!;
                lastError = ex;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}; last seen: {(lastError?.Message ?? last?.ToString())}");
            }
            await Task.Delay(100);
        }
    }

    public static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        WaitForAsync(condition, ok => ok, timeout, what);
}
