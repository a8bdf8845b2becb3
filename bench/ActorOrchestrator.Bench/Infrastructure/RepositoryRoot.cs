namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>The checkout the benchmark runs from: its deploy scripts start the cluster, its bench/results keeps the figures.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ActorOrchestrator.sln")) && File.Exists(Path.Combine(dir.FullName, "deploy", "up.sh")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Cannot find the repository (ActorOrchestrator.sln and deploy/up.sh) above the current directory; run from the checkout.");
    }
}
