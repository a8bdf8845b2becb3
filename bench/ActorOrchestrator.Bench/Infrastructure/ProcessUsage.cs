using System.Globalization;

namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>
/// CPU seconds and resident memory of one process as Linux accounts them in <c>/proc</c>. With
/// <c>children</c> (PostgreSQL: a postmaster and a backend per connection) it counts the live children
/// and, through the parent's cutime/cstime, the children that already exited.
/// </summary>
public sealed record ProcessUsage(double CpuSeconds, long ResidentBytes, long PeakResidentBytes)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on

    public static ProcessUsage? Read(int pid, bool children = false)
    {
        if (ReadStat(pid, withExitedChildren: children) is not { } cpu) return null;
        var (resident, peak) = ReadMemory(pid);
        if (children)
        {
            foreach (var child in ChildrenOf(pid))
            {
                cpu += ReadStat(child, withExitedChildren: false) ?? 0;
                var (childResident, childPeak) = ReadMemory(child);
                resident += childResident;
                peak += childPeak;
            }
        }
        return new ProcessUsage(cpu, resident, peak);
    }

    /// <summary>The CPU used between two readings of the same process.</summary>
    public static double CpuBetween(ProcessUsage? before, ProcessUsage? after) =>
        before is null || after is null ? double.NaN : Math.Max(0, after.CpuSeconds - before.CpuSeconds);

    private static double? ReadStat(int pid, bool withExitedChildren)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses: fields are counted after its last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // From field 3 (state) on: utime is field 14, stime 15, cutime 16, cstime 17.
            var ticks = Long(fields[11]) + Long(fields[12]) + (withExitedChildren ? Long(fields[13]) + Long(fields[14]) : 0);
            return ticks / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or FormatException)
        {
            return null;
        }
    }

    private static (long Resident, long Peak) ReadMemory(int pid)
    {
        long resident = 0, peak = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone: counts as nothing.
        }
        return (resident, peak);
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or the kernel does not offer the list: the parent's own figures remain.
        }
        return children;
    }

    private static long Kilobytes(string line) =>
        Long(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    private static long Long(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
