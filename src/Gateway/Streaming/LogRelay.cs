using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>
/// <c>pods/{name}/log</c>: a plain HTTP GET to the agent whose body is passed on as it arrives
/// (flushed per read, so <c>kubectl logs -f</c> sees each line at once), with the agent's status.
/// </summary>
internal sealed class LogRelay(HttpClient client)
{
    public async Task RelayAsync(HttpContext http, Uri agentUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, agentUrl);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            throw new Api.Errors.ApiException(500, "InternalError", $"error dialing backend: {e.Message}");
        }
        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await http.Response.StartAsync(http.RequestAborted);
            await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
    }
}
