using System.Buffers.Binary;
using System.IO.Compression;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// Compresses header blocks for one direction of one connection. SPDY keeps a single zlib stream per
/// direction for the connection's life, preset with <see cref="SpdyDictionary"/>; blocks must be
/// compressed in the order they are sent.
/// </summary>
/// <remarks>
/// Every block must end in a zlib SYNC flush (an empty stored block, <c>00 00 FF FF</c>): Go's SPDY
/// framer reads a header block lazily and stops exactly there. A partial flush (what SharpZipLib's
/// <c>Deflater.Flush</c> emits: empty static blocks) makes it read past the frame, fail the next
/// header block with "compressed payload size was incorrect", and drop the connection. So the deflate
/// data comes from <see cref="DeflateStream"/>, whose Flush is a sync flush, behind a zlib header
/// written here that names the SPDY dictionary. The compressor never refers to the dictionary (it
/// does not know it), which a decoder preset with it reads all the same.
/// </remarks>
public sealed class SpdyHeaderCompressor : IDisposable
{
    private readonly MemoryStream _output = new();
    private readonly DeflateStream _deflate;
    private bool _started;

    public SpdyHeaderCompressor() => _deflate = new DeflateStream(_output, CompressionLevel.Optimal, leaveOpen: true);

    public byte[] Compress(SpdyHeaders headers)
    {
        _output.SetLength(0);
        if (!_started)
        {
            WriteZlibHeader(_output);
            _started = true;
        }
        _deflate.Write(headers.Encode());
        _deflate.Flush();
        return _output.ToArray();
    }

    public void Dispose()
    {
        _deflate.Dispose();
        _output.Dispose();
    }

    /// <summary>RFC 1950: deflate with a 32 KiB window, FDICT set, then the dictionary's Adler-32.</summary>
    private static void WriteZlibHeader(Stream output)
    {
        const int cmf = 0x78;
        const int flagsWithoutCheck = (2 << 6) | 0x20;
        var check = (31 - ((cmf << 8 | flagsWithoutCheck) % 31)) % 31;
        Span<byte> header = [cmf, (byte)(flagsWithoutCheck | check), 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(header[2..], SpdyHeaderDecompressor.SpdyDictionaryId);
        output.Write(header);
    }
}

/// <summary>Decompresses the peer's header blocks (SharpZipLib's inflater: .NET's has no preset dictionary).</summary>
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
