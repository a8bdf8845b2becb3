using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ActorOrchestrator.NodeAgent.Runtime;

public sealed partial class DockerContainerRuntime
{
    private readonly Dictionary<string, Task<bool>> _imageLookups = new(StringComparer.Ordinal);

    public async Task<ImageResult> EnsureImageAsync(string image, ImagePullPolicy pullPolicy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var present = await IsImagePresentAsync(image, cancellationToken);
        switch (pullPolicy)
        {
            case ImagePullPolicy.Never:
                return present
                    ? ImageResult.Present(image)
                    : ImageResult.Missing(image, $"image {image} is not present and the pull policy is Never", neverPull: true);
            case ImagePullPolicy.IfNotPresent when present:
                return ImageResult.Present(image);
        }

        var pullError = await TryPullAsync(image, cancellationToken);
        if (pullError is null)
        {
            return ImageResult.PulledFresh(image);
        }
        LogPullFailed(image, pullError);
        return present ? ImageResult.PullFailedButPresent(image, pullError) : ImageResult.Missing(image, pullError);
    }

    /// <summary>
    /// Whether the engine has the image. Pods starting together mostly ask about the same image at the
    /// same moment: they share one inspection in flight instead of each sending its own.
    /// </summary>
    private async Task<bool> IsImagePresentAsync(string image, CancellationToken cancellationToken)
    {
        Task<bool> lookup;
        lock (_imageLookups)
        {
            if (!_imageLookups.TryGetValue(image, out lookup!))
            {
                // Not the first caller's token: a cancelled caller must not fail the others.
                lookup = InspectImagePresenceAsync(image);
                _imageLookups[image] = lookup;
                _ = lookup.ContinueWith(_ =>
                {
                    lock (_imageLookups)
                    {
                        _imageLookups.Remove(image);
                    }
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        return await lookup.WaitAsync(cancellationToken);
    }

    private Task<bool> InspectImagePresenceAsync(string image) =>
        CallAsync("inspect image", image, async token =>
        {
            try
            {
                await _client.Images.InspectImageAsync(image, token);
                return true;
            }
            catch (DockerImageNotFoundException)
            {
                return false;
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return false;
            }
        }, CancellationToken.None);

    /// <summary>Pulls; returns null on success or the reason it failed (the engine reports some failures inside the stream).</summary>
    private async Task<string?> TryPullAsync(string image, CancellationToken cancellationToken)
    {
        var (name, tag) = ImageReference.Split(image);
        var progress = new PullProgress();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await CallAsync("pull", image, _options.PullTimeout, async token =>
            {
                await _client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, null, progress, token);
                return true;
            }, cancellationToken);
        }
        catch (ContainerRuntimeException e)
        {
            return e.InnerException is DockerApiException api ? api.ResponseBody?.Trim() ?? e.Message : e.Message;
        }
        if (progress.Error is { } error)
        {
            return error;
        }
        LogPulled(image, stopwatch.ElapsedMilliseconds);
        return null;
    }

    /// <summary>Records the first error of a pull stream; synchronous, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class PullProgress : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            Error ??= value.Error?.Message ?? value.ErrorMessage;
        }
    }
}
