using System.Text;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

[Trait("Category", "Unit")]
public sealed class LineSplitterTests
{
    [Fact]
    public void Lines_split_across_chunks_and_characters_split_across_chunks_are_joined()
    {
        var bytes = Encoding.UTF8.GetBytes("héllo\r\nwörld\nlast");
        var splitter = new LineSplitter();
        var lines = new List<string>();

        foreach (var b in bytes)
        {
            splitter.Push([b], lines);
        }

        Assert.Equal(["héllo", "wörld"], lines);
        Assert.Equal("last", splitter.Flush());
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void Many_lines_in_one_chunk_and_empty_lines_are_kept()
    {
        var splitter = new LineSplitter();
        var lines = new List<string>();

        splitter.Push(Encoding.UTF8.GetBytes("a\n\nb\n" + new string('x', 5000) + "\n"), lines);

        Assert.Equal(["a", "", "b", new string('x', 5000)], lines);
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void Docker_times_are_parsed_and_since_is_unix_seconds_with_nanoseconds()
    {
        var time = DockerContainerRuntime.ParseTime("2024-05-01T10:00:00.123456789Z");

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), time);
        Assert.Null(DockerContainerRuntime.ParseTime("0001-01-01T00:00:00Z"));
        Assert.Equal("1714557600.123456700", DockerContainerRuntime.UnixSeconds(time!.Value));
        Assert.Equal(ContainerState.Running, DockerContainerRuntime.StateOf("paused"));
        Assert.Equal(ContainerState.Exited, DockerContainerRuntime.StateOf("dead"));
        Assert.Equal(ContainerState.Unknown, DockerContainerRuntime.StateOf(null));
    }
}
