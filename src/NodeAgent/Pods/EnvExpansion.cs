using System.Text;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Kubernetes' <c>$(VAR)</c> expansion for env values, command and args: a defined name is replaced,
/// an undefined one stays as written, <c>$$</c> is a literal <c>$</c>.
/// </summary>
internal static class EnvExpansion
{
    public static string Expand(string input, IReadOnlyDictionary<string, string> variables)
    {
        if (!input.Contains('$'))
        {
            return input;
        }
        var output = new StringBuilder(input.Length);
        var checkpoint = 0;
        for (var cursor = 0; cursor < input.Length; cursor++)
        {
            if (input[cursor] != '$' || cursor + 1 >= input.Length)
            {
                continue;
            }
            output.Append(input, checkpoint, cursor - checkpoint);
            var (read, isVariable, advance) = ReadVariableName(input.AsSpan(cursor + 1));
            output.Append(isVariable ? variables.TryGetValue(read, out var value) ? value : $"$({read})" : read);
            cursor += advance;
            checkpoint = cursor + 1;
        }
        return output.Append(input, checkpoint, input.Length - checkpoint).ToString();
    }

    private static (string Read, bool IsVariable, int Advance) ReadVariableName(ReadOnlySpan<char> input)
    {
        switch (input[0])
        {
            case '$':
                return ("$", false, 1);
            case '(':
                var close = input.IndexOf(')');
                return close > 0 ? (input[1..close].ToString(), true, close + 1) : ("$(", false, 1);
            default:
                return ("$" + input[0], false, 1);
        }
    }
}
