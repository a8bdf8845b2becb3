namespace ActorOrchestrator.Api.Patching;

/// <summary>A parsed JSON Pointer (RFC 6901): <c>/a~1b/~0c/0</c> is the tokens "a/b", "~c", "0".</summary>
internal static class JsonPointer
{
    public static IReadOnlyList<string> Parse(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw PatchErrors.DoesNotApply($"JSON pointer must be empty or start with a \"/\": {pointer}");
        // Order matters: "~01" is "~1" (literal), not "/".
        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A list index: digits without a leading zero (RFC 6901), or -1 when the token is not one.</summary>
    public static int Index(string token)
    {
        if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit)) return -1;
        return int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
    }
}
