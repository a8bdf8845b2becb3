using System.Text;
using ActorOrchestrator.NodeAgent.Streaming.Spdy;
using ICSharpCode.SharpZipLib.Checksum;

namespace ActorOrchestrator.NodeAgentTests.Streaming;

/// <summary>SPDY/3.1 frames on the wire: exact layouts, header compression, and what a peer may send.</summary>
public sealed class SpdyFramingTests
{
    [Fact]
    public void The_dictionary_is_the_spdy3_one()
    {
        var adler = new Adler32();
        adler.Update(SpdyDictionary.Bytes);
        Assert.Equal(1423, SpdyDictionary.Bytes.Length);
        Assert.Equal(0xE3C6A7C2, adler.Value);
        Assert.Equal("\0\0\0\aoptions", Encoding.ASCII.GetString(SpdyDictionary.Bytes, 0, 11));
        Assert.EndsWith("enq=0.", Encoding.ASCII.GetString(SpdyDictionary.Bytes));
    }

    [Fact]
    public void Data_frames_are_stream_id_flags_length_and_payload()
    {
        var bytes = new SpdyFrameEncoder().Encode(new SpdyDataFrame(3, true, "hi"u8.ToArray()));
        Assert.Equal(new byte[] { 0, 0, 0, 3, 1, 0, 0, 2, (byte)'h', (byte)'i' }, bytes);
    }

    [Fact]
    public void Control_frames_carry_version_3_type_flags_and_length()
    {
        var encoder = new SpdyFrameEncoder();
        Assert.Equal(new byte[] { 0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1 }, encoder.Encode(new SpdyPingFrame(1)));
        Assert.Equal(new byte[] { 0x80, 3, 0, 3, 0, 0, 0, 8, 0, 0, 0, 5, 0, 0, 0, 5 }, encoder.Encode(new SpdyRstStreamFrame(5, SpdyResetStatus.Cancel)));
        Assert.Equal(new byte[] { 0x80, 3, 0, 9, 0, 0, 0, 8, 0, 0, 0, 0, 0, 1, 0, 0 }, encoder.Encode(new SpdyWindowUpdateFrame(0, 65536)));
        Assert.Equal(new byte[] { 0x80, 3, 0, 7, 0, 0, 0, 8, 0, 0, 0, 7, 0, 0, 0, 0 }, encoder.Encode(new SpdyGoAwayFrame(7, SpdyGoAwayStatus.Ok)));
    }

    [Fact]
    public void Every_frame_type_survives_a_round_trip_with_one_compression_context_per_direction()
    {
        var encoder = new SpdyFrameEncoder();
        var decoder = new SpdyFrameDecoder();
        var portHeaders = SpdyHeaders.Of(("streamType", "data"), ("port", "8080"), ("requestID", "0"));
        SpdyFrame[] frames =
        [
            new SpdySynStreamFrame(1, 0, 0, false, false, SpdyHeaders.Of(("streamType", "error"), ("port", "8080"), ("requestID", "0"))),
            new SpdySynStreamFrame(3, 0, 2, true, true, portHeaders),
            new SpdySynReplyFrame(1, false, SpdyHeaders.Empty),
            new SpdyHeadersFrame(3, true, portHeaders),
            new SpdyDataFrame(3, false, new byte[70_000]),
            new SpdyRstStreamFrame(3, SpdyResetStatus.RefusedStream),
            new SpdySettingsFrame([new SpdySetting(0, SpdySettingsFrame.InitialWindowSizeId, 1 << 20), new SpdySetting(1, 4, 100)]),
            new SpdyPingFrame(7),
            new SpdyGoAwayFrame(3, SpdyGoAwayStatus.ProtocolError),
            new SpdyWindowUpdateFrame(1, 1234),
        ];
        foreach (var frame in frames)
        {
            var decoded = Decode(decoder, encoder.Encode(frame));
            Assert.Equal(Describe(frame), Describe(decoded));
        }
    }

    [Fact]
    public void Header_names_are_lowercased_and_repeated_values_joined_by_nul()
    {
        var headers = new SpdyHeaders([
            new("X-Stream-Protocol-Version", ["v4.channel.k8s.io"]),
            new("x-stream-protocol-version", ["v3.channel.k8s.io"]),
        ]);
        Assert.Equal(1, headers.Count);
        Assert.Equal("v4.channel.k8s.io", headers["X-STREAM-PROTOCOL-VERSION"]);
        var block = headers.Encode();
        Assert.Equal("\0\0\0\u0001\0\0\0\u0019x-stream-protocol-version\0\0\0\u0023v4.channel.k8s.io\0v3.channel.k8s.io", Encoding.ASCII.GetString(block));
        Assert.Equal(["v4.channel.k8s.io", "v3.channel.k8s.io"], SpdyHeaders.Decode(block).Entries[0].Value);
    }

    /// <summary>
    /// Go's framer reads a compressed block lazily and stops at a sync flush marker; anything else
    /// makes it read past the frame and fail the next one.
    /// </summary>
    [Fact]
    public void Every_compressed_header_block_ends_in_a_sync_flush_and_the_first_names_the_dictionary()
    {
        var compressor = new SpdyHeaderCompressor();
        var first = compressor.Compress(SpdyHeaders.Of(("streamType", "error")));
        var second = compressor.Compress(SpdyHeaders.Empty);
        var third = compressor.Compress(SpdyHeaders.Of(("streamType", "error")));

        Assert.Equal(0, (first[0] << 8 | first[1]) % 31);
        Assert.Equal(0x20, first[1] & 0x20);
        Assert.Equal(new byte[] { 0xE3, 0xC6, 0xA7, 0xC2 }, first[2..6]);
        foreach (var block in new[] { first, second, third })
        {
            Assert.Equal(new byte[] { 0, 0, 0xFF, 0xFF }, block[^4..]);
        }
        var decompressor = new SpdyHeaderDecompressor();
        Assert.Equal("error", decompressor.Decompress(first)["streamType"]);
        Assert.Equal(0, decompressor.Decompress(second).Count);
        Assert.Equal("error", decompressor.Decompress(third)["streamtype"]);
    }

    [Fact]
    public void Blocks_compressed_against_the_dictionary_are_read()
    {
        // What a zlib peer that uses the dictionary sends: SharpZipLib's deflater preset with it.
        var deflater = new ICSharpCode.SharpZipLib.Zip.Compression.Deflater(9);
        deflater.SetDictionary(SpdyDictionary.Bytes);
        var block = SpdyHeaders.Of(("content-type", "text/plain"), ("accept-encoding", "gzip,deflate")).Encode();
        deflater.SetInput(block);
        deflater.Flush();
        var output = new byte[1024];
        var length = deflater.Deflate(output);

        var headers = new SpdyHeaderDecompressor().Decompress(output.AsSpan(0, length));
        Assert.Equal("gzip,deflate", headers["accept-encoding"]);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 2, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1 }, "unsupported SPDY version 2")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 9 }, "data frame for stream 0")]
    [InlineData(new byte[] { 0x80, 3, 0, 6, 0, 0, 0, 3, 0, 0, 1 }, "PING frame must be 4 bytes")]
    [InlineData(new byte[] { 0x80, 3, 0, 3, 0, 0, 0, 4, 0, 0, 0, 1 }, "RST_STREAM frame must be 8 bytes")]
    public void Malformed_frames_are_protocol_errors(byte[] frame, string reason)
    {
        var error = Assert.Throws<SpdyProtocolException>(() => Decode(new SpdyFrameDecoder(), frame));
        Assert.StartsWith(reason, error.Message);
    }

    [Fact]
    public async Task A_connection_ending_inside_a_frame_is_a_protocol_error_and_between_frames_a_clean_end()
    {
        var decoder = new SpdyFrameDecoder();
        Assert.Null(await decoder.ReadAsync(new MemoryStream(), CancellationToken.None));
        await Assert.ThrowsAsync<SpdyProtocolException>(async () => await decoder.ReadAsync(new MemoryStream([0, 0, 0, 1, 0, 0, 0, 5, 1]), CancellationToken.None));
        await Assert.ThrowsAsync<SpdyProtocolException>(async () => await decoder.ReadAsync(new MemoryStream([0x80, 3]), CancellationToken.None));
    }

    [Fact]
    public void Unknown_control_frames_are_passed_up_to_be_ignored()
    {
        var frame = Decode(new SpdyFrameDecoder(), [0x80, 3, 0, 5, 0, 0, 0, 0]);
        Assert.Equal(5, Assert.IsType<SpdyUnknownFrame>(frame).Type);
    }

    private static SpdyFrame Decode(SpdyFrameDecoder decoder, byte[] bytes) => decoder.Decode(bytes.AsSpan(0, 8), bytes[8..]);

    private static string Describe(SpdyFrame frame) => frame switch
    {
        SpdyDataFrame d => $"data {d.StreamId} fin={d.Fin} {Convert.ToHexString(d.Data.Span)}",
        SpdySynStreamFrame s => $"syn {s.StreamId} {s.AssociatedToStreamId} {s.Priority} {s.Fin} {s.Unidirectional} {s.Headers}",
        SpdySynReplyFrame r => $"reply {r.StreamId} {r.Fin} {r.Headers}",
        SpdyHeadersFrame h => $"headers {h.StreamId} {h.Fin} {h.Headers}",
        SpdySettingsFrame s => $"settings {s.ClearSettings} {string.Join(',', s.Settings)}",
        _ => frame.ToString(),
    };
}
