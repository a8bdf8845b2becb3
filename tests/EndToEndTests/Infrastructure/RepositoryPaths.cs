namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>Finds the repository and the built programs the tests start.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same configuration the tests themselves were built in.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Name is "Release" ? "Release" : "Debug";

    public static string Program(string project, string assembly) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", assembly + ".dll");

    public static string Seed(string file) => Path.Combine(AppContext.BaseDirectory, "Seed", file);

    public static string LogDirectory { get; } = CreateLogDirectory();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorOrchestrator.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find ActorOrchestrator.sln above " + AppContext.BaseDirectory);
    }

    private static string CreateLogDirectory()
    {
        var dir = Path.Combine(Root, ".local", "test-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
