using System.Globalization;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>Ready-made scripted behaviours, and the repository's local images as fake programs.</summary>
public static class FakePrograms
{
    /// <summary>Logs, then runs until SIGTERM and exits 0.</summary>
    public static FakeProgram RunUntilStopped(params string[] logs) => async process =>
    {
        foreach (var line in logs)
        {
            process.Out(line);
        }
        await process.WaitForTerminationAsync();
        return 0;
    };

    /// <summary>Logs, then exits with <paramref name="exitCode"/> after <paramref name="after"/>; SIGTERM ends it early with 143.</summary>
    public static FakeProgram ExitAfter(TimeSpan after, int exitCode, params string[] logs) => async process =>
    {
        foreach (var line in logs)
        {
            process.Out(line);
        }
        await Task.Delay(after, process.Time, process.Terminating);
        return exitCode;
    };

    /// <summary>Runs for <paramref name="after"/>, then is OOM-killed (137, OOMKilled), whatever its limit.</summary>
    public static FakeProgram OomKilledAfter(TimeSpan after) => async process =>
    {
        await process.Delay(after);
        process.OomKill();
        return 137;
    };

    /// <summary>Logs each SIGTERM and carries on: only the SIGKILL after the grace period ends it.</summary>
    public static FakeProgram IgnoringSigterm(string startLine, string termLine) => async process =>
    {
        process.Out(startLine);
        await process.WaitForTerminationAsync();
        process.Out(termLine);
        await process.WaitForKillAsync();
        return 137;
    };

    /// <summary>
    /// Scripts the images of <c>deploy/images</c> the way they behave for real, so a hollow node runs
    /// the book's exercises: kubia answers on 8080 with its hostname, batch-job exits 0 after $SLEEP.
    /// </summary>
    public static FakeContainerEngine AddKnownImages(this FakeContainerEngine engine)
    {
        engine.AddLocalImages(
            "actororchestrator/pause", "taodaling/kubia", "luksa/kubia", "luksa/kubia-unhealthy",
            "luksa/batch-job", "luksa/ssd-monitor", "actororchestrator/sigterm-ignorer");
        engine.SetImageProgram("taodaling/kubia", Kubia(failAfter: null));
        engine.SetImageProgram("luksa/kubia", Kubia(failAfter: null));
        engine.SetImageProgram("luksa/kubia-unhealthy", Kubia(failAfter: 5));
        engine.SetImageProgram("luksa/batch-job", BatchJob);
        engine.SetImageProgram("actororchestrator/sigterm-ignorer",
            IgnoringSigterm("sigterm-ignorer started: SIGTERM will be ignored", "Received SIGTERM, ignoring it"));
        return engine;
    }

    private static FakeProgram Kubia(int? failAfter) => async process =>
    {
        var served = 0;
        process.Out("Kubia server starting...");
        process.Listen(8080, request =>
        {
            process.Out($"Received request from {request.ClientIp}");
            return failAfter is { } limit && Interlocked.Increment(ref served) > limit
                ? new FakeHttpResponse(500, "I'm not well. Please restart me!\n")
                : FakeHttpResponse.Ok($"You've hit {process.Hostname}\n");
        });
        await process.WaitForTerminationAsync();
        return 0;
    };

    private static async Task<int> BatchJob(FakeProcess process)
    {
        var seconds = process.Env.TryGetValue("SLEEP", out var value) && int.TryParse(value, CultureInfo.InvariantCulture, out var s) ? s : 120;
        process.Out($"{process.Time.GetUtcNow():R} Batch job starting");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), process.Time, process.Terminating);
        }
        catch (OperationCanceledException) when (!process.Killed.IsCancellationRequested)
        {
            process.Out($"{process.Time.GetUtcNow():R} Terminated");
            return 143;
        }
        process.Out($"{process.Time.GetUtcNow():R} Finished succesfully");
        return 0;
    }
}
