namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// The node-local directory of each pod, <c>&lt;root&gt;/pods/&lt;uid&gt;</c>, holding its emptyDir volumes
/// under <c>volumes/empty-dir/&lt;name&gt;</c>. Keyed by pod uid, so volumes outlive container attempts
/// and sandbox re-creations, and go away only with the pod.
/// </summary>
internal sealed class PodDirectories(string root)
{
    private const UnixFileMode WorldWritable = (UnixFileMode)0b111_111_111;

    public string Root { get; } = root;

    public string PodDirectory(string podUid) => Path.Combine(Root, "pods", Segment(podUid, "pod uid"));

    /// <summary>Creates the volume's directory if needed (world-writable, as Kubernetes makes emptyDirs).</summary>
    public string EnsureEmptyDir(string podUid, string volumeName)
    {
        var path = Path.Combine(PodDirectory(podUid), "volumes", "empty-dir", Segment(volumeName, "volume name"));
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, WorldWritable);
            }
        }
        return path;
    }

    public void RemovePod(string podUid)
    {
        var path = PodDirectory(podUid);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    // A uid or volume name becomes one path segment: nothing that could climb out of the root.
    private static string Segment(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value is "." or ".." || value.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new ArgumentException($"'{value}' is not a valid {what}", nameof(value));
        }
        return value;
    }
}
