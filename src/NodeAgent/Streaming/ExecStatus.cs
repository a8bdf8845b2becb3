using System.Text;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// How an exec ended, as the error stream reports it. Protocols v4 and v5 carry a <c>Status</c> (the
/// client reads the exit code from <c>details.causes[reason=ExitCode]</c>); older ones carry plain text
/// and nothing on success.
/// </summary>
public static class ExecStatus
{
    public static JsonObject Success() => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
    };

    public static JsonObject NonZeroExit(IReadOnlyList<string> command, int exitCode) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"command terminated with non-zero exit code: {ExitMessage(command, exitCode)}",
        ["reason"] = "NonZeroExitCode",
        ["details"] = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        },
    };

    public static JsonObject InternalError(string message) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = "InternalError",
        ["details"] = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) },
        ["code"] = 500,
    };

    /// <summary>What goes on the error stream for <paramref name="outcome"/> under <paramref name="protocol"/>; empty for nothing.</summary>
    public static byte[] Encode(ExecOutcome outcome, IReadOnlyList<string> command, string protocol)
    {
        var structured = protocol is Channels.ChannelProtocol.V5 or Channels.ChannelProtocol.V4;
        if (structured)
        {
            var status = outcome switch
            {
                { Error: { } error } => InternalError(error),
                { ExitCode: 0 } => Success(),
                _ => NonZeroExit(command, outcome.ExitCode),
            };
            return Encoding.UTF8.GetBytes(status.ToJsonString());
        }
        var text = outcome switch
        {
            { Error: { } error } => error,
            { ExitCode: 0 } => "",
            _ => ExitMessage(command, outcome.ExitCode),
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private static string ExitMessage(IReadOnlyList<string> command, int exitCode) =>
        $"error executing command [{string.Join(' ', command)}], exit code {exitCode}";
}

/// <summary>An exec's end: its exit code, or why it could not run.</summary>
public sealed record ExecOutcome(int ExitCode, string? Error = null)
{
    public static ExecOutcome Failed(string error) => new(-1, error);
}
