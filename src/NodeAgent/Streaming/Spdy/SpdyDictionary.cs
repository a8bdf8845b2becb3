using System.Buffers.Binary;
using System.Text;

namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// The zlib preset dictionary of SPDY/3 header compression (draft-mbelshe-httpbis-spdy-00 §2.6.10.1):
/// 1423 bytes, zlib dictionary id (Adler-32) 0xE3C6A7C2. Built from its definition: common header
/// names and tokens, each with a 32-bit big-endian length, followed by a run of literal text.
/// </summary>
public static class SpdyDictionary
{
    private static readonly string[] LengthPrefixed =
    [
        "options", "head", "post", "put", "delete", "trace", "accept", "accept-charset", "accept-encoding",
        "accept-language", "accept-ranges", "age", "allow", "authorization", "cache-control", "connection",
        "content-base", "content-encoding", "content-language", "content-length", "content-location",
        "content-md5", "content-range", "content-type", "date", "etag", "expect", "expires", "from", "host",
        "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "last-modified",
        "location", "max-forwards", "pragma", "proxy-authenticate", "proxy-authorization", "range",
        "referer", "retry-after", "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent",
        "vary", "via", "warning", "www-authenticate", "method", "get", "status", "200 OK", "version",
        "HTTP/1.1", "url", "public", "set-cookie", "keep-alive", "origin",
    ];

    private const string Literal =
        "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505" +
        "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Una" +
        "uthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service" +
        " UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, " +
        "Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,application/xml,applicat" +
        "ion/xhtml+xml,text/plain,text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf" +
        "-8charset=iso-8859-1,utf-,*,enq=0.";

    public static byte[] Bytes { get; } = Build();

    private static byte[] Build()
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var word in LengthPrefixed)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)word.Length);
            buffer.Write(length);
            buffer.Write(Encoding.ASCII.GetBytes(word));
        }
        buffer.Write(Encoding.ASCII.GetBytes(Literal));
        return buffer.ToArray();
    }
}
