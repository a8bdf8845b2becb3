using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Api.Validation;

/// <summary>
/// Names made from <c>metadata.generateName</c>, as Kubernetes' SimpleNameGenerator makes them: the
/// prefix cut to 58 characters, then 5 random characters from an alphabet without vowels (so no
/// words appear) and without look-alikes such as 0/o and 1/l.
/// </summary>
/// <remarks>
/// The cut is to 58 for every kind, as in Kubernetes: the result then fits a 63-character label
/// even for kinds whose names may be 253 characters long.
/// </remarks>
public static class GeneratedNames
{
    public const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    public const int RandomLength = 5;
    public const int MaxPrefixLength = 63 - RandomLength;

    /// <summary>A name for <paramref name="prefix"/>; pass a seeded <see cref="Random"/> for repeatable tests.</summary>
    public static string Generate(string prefix, Random? random = null)
    {
        random ??= Random.Shared;
        if (prefix.Length > MaxPrefixLength) prefix = prefix[..MaxPrefixLength];
        var suffix = new char[RandomLength];
        for (var i = 0; i < suffix.Length; i++) suffix[i] = Alphabet[random.Next(Alphabet.Length)];
        return prefix + new string(suffix);
    }

    /// <summary>
    /// Sets <c>metadata.name</c> from <c>metadata.generateName</c> when the name is empty. Returns
    /// whether a name was generated (a conflict on a generated name is the server's to retry or report).
    /// </summary>
    public static bool FillIn(JsonObject obj, Random? random = null)
    {
        var meta = obj.Metadata();
        if (!string.IsNullOrEmpty(meta.GetString("name"))) return false;
        var prefix = meta.GetString("generateName");
        if (string.IsNullOrEmpty(prefix)) return false;
        meta["name"] = Generate(prefix, random);
        return true;
    }
}
