using System.Text;
using ActorOrchestrator.Api.Manifests;

namespace ActorOrchestrator.UnitTests.Api.Manifests;

public class ManifestReaderLimitTests
{
    [Fact]
    public void Default_limit_is_the_api_servers_three_mebibytes()
    {
        Assert.Equal(3 * 1024 * 1024, ManifestLimits.DefaultMaxBytes);
        ManifestReader.EnsureWithinLimit(ManifestLimits.DefaultMaxBytes);
        var e = Json.Refused(() => ManifestReader.EnsureWithinLimit(ManifestLimits.DefaultMaxBytes + 1));
        Assert.Equal(413, e.Code);
        Assert.Equal("RequestEntityTooLarge", e.Reason);
        Assert.Equal("Request entity too large: limit is 3145728", e.Message);
    }

    [Fact]
    public void An_oversized_body_is_refused_before_parsing()
    {
        // Not valid YAML or JSON either: the size check must come first.
        var body = Encoding.UTF8.GetBytes("{" + new string('x', 200));
        var e = Json.Refused(() => ManifestReader.Read(body, new ManifestLimits(MaxBytes: 100)));
        Assert.Equal(413, e.Code);
    }

    [Fact]
    public async Task ReadBodyAsync_stops_reading_past_the_limit()
    {
        var stream = new CountingStream(10_000_000);
        var e = await Assert.ThrowsAsync<ActorOrchestrator.Api.Errors.ApiException>(() => ManifestReader.ReadBodyAsync(stream, 100_000));
        Assert.Equal(413, e.Code);
        Assert.True(stream.Position < 300_000, $"read {stream.Position} bytes");
    }

    [Fact]
    public async Task ReadBodyAsync_returns_a_body_within_the_limit()
    {
        var bytes = await ManifestReader.ReadBodyAsync(new MemoryStream("kind: A"u8.ToArray()), 7);
        Assert.Equal("kind: A", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task ReadAsync_parses_a_stream()
    {
        var docs = await ManifestReader.ReadAsync(new MemoryStream("a: 1\n---\nb: 2\n"u8.ToArray()));
        Assert.Equal(2, docs.Count);
        var e = await Assert.ThrowsAsync<ActorOrchestrator.Api.Errors.ApiException>(
            () => ManifestReader.ReadAsync(new MemoryStream(new byte[50]), new ManifestLimits(MaxBytes: 10)));
        Assert.Equal(413, e.Code);
    }

    /// <summary>An endless stream of spaces that records how far it was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            Array.Fill(buffer, (byte)' ', offset, n);
            Position += n;
            return n;
        }
    }
}
