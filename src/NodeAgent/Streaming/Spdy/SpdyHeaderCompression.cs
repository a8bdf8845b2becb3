using ICSharpCode.SharpZipLib.Zip.Compression;

namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// Compresses header blocks for one direction of one connection. SPDY keeps a single zlib stream per
/// direction for the connection's life (preset with <see cref="SpdyDictionary"/>), flushing after each
/// block so the peer can decode it at once: blocks must be compressed in the order they are sent.
/// </summary>
public sealed class SpdyHeaderCompressor
{
    private readonly Deflater _deflater = new(Deflater.DEFAULT_COMPRESSION, noZlibHeaderOrFooter: false);
    private readonly byte[] _chunk = new byte[4096];

    public SpdyHeaderCompressor() => _deflater.SetDictionary(SpdyDictionary.Bytes);

    public byte[] Compress(SpdyHeaders headers)
    {
        var block = headers.Encode();
        _deflater.SetInput(block, 0, block.Length);
        _deflater.Flush();
        using var output = new MemoryStream();
        int written;
        while ((written = _deflater.Deflate(_chunk, 0, _chunk.Length)) > 0)
        {
            output.Write(_chunk, 0, written);
        }
        return output.ToArray();
    }
}

/// <summary>Decompresses the peer's header blocks, the counterpart of <see cref="SpdyHeaderCompressor"/>.</summary>
public sealed class SpdyHeaderDecompressor
{
    /// <summary>A decompressed block larger than this is refused (a zlib bomb, not headers).</summary>
    public const int MaxBlockSize = 256 * 1024;

    private readonly Inflater _inflater = new(noHeader: false);
    private readonly byte[] _chunk = new byte[4096];

    public SpdyHeaders Decompress(ReadOnlySpan<byte> compressed)
    {
        _inflater.SetInput(compressed.ToArray());
        using var output = new MemoryStream();
        while (true)
        {
            int read;
            try
            {
                read = _inflater.Inflate(_chunk, 0, _chunk.Length);
            }
            catch (ICSharpCode.SharpZipLib.SharpZipBaseException e)
            {
                throw new SpdyProtocolException("corrupt header block: " + e.Message);
            }
            if (read > 0)
            {
                output.Write(_chunk, 0, read);
                if (output.Length > MaxBlockSize) throw new SpdyProtocolException("header block too large");
                continue;
            }
            if (_inflater.IsNeedingDictionary)
            {
                if ((uint)_inflater.Adler != SpdyDictionaryId) throw new SpdyProtocolException("header block uses an unknown zlib dictionary");
                _inflater.SetDictionary(SpdyDictionary.Bytes);
                continue;
            }
            if (_inflater.IsNeedingInput || _inflater.IsFinished) break;
            throw new SpdyProtocolException("header block decompression stalled");
        }
        return SpdyHeaders.Decode(output.ToArray());
    }

    /// <summary>Adler-32 of <see cref="SpdyDictionary.Bytes"/>, as the zlib header names it.</summary>
    public const uint SpdyDictionaryId = 0xE3C6A7C2;
}
