using System.Text;
using System.Text.Json;
using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Store.Reading;

/// <summary>
/// The opaque <c>continue</c> value of a paged list: where the next page starts and the revision the
/// first page was read at, which every page reports so a client can watch from it afterwards.
/// </summary>
internal sealed record ContinueToken(long Revision, string Namespace, string Name)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Wire(Revision, Namespace, Name))));

    public static ContinueToken Decode(string token)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Convert.FromBase64String(token));
            if (wire is { Ns: not null, N: not null }) return new ContinueToken(wire.Rv, wire.Ns, wire.N);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
        }
        throw ApiException.BadRequest("continue key is not valid: the value must come from a previous list response");
    }

    private sealed record Wire(long Rv, string? Ns, string? N);
}
