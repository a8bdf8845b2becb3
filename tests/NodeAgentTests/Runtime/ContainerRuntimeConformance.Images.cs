using ActorOrchestrator.NodeAgent.Runtime;
using static ActorOrchestrator.NodeAgentTests.Runtime.ConformanceWorkloads;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

public abstract partial class ContainerRuntimeConformance
{
    [Fact]
    public async Task A_local_image_is_present_without_a_pull()
    {
        Assert.Equal(ImageStatus.Present, (await Runtime.EnsureImageAsync(Kubia, ImagePullPolicy.IfNotPresent)).Status);
        Assert.Equal(ImageStatus.Present, (await Runtime.EnsureImageAsync(Kubia, ImagePullPolicy.Never)).Status);
    }

    [Fact]
    public async Task Pull_policy_Always_on_a_local_image_reports_the_failed_pull_but_is_usable()
    {
        var result = await Runtime.EnsureImageAsync(Kubia, ImagePullPolicy.Always);

        Assert.Equal(ImageStatus.PullFailedButPresent, result.Status);
        Assert.True(result.IsUsable);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Null(result.WaitingReason);
    }

    [Theory]
    [InlineData(ImagePullPolicy.IfNotPresent, "ErrImagePull")]
    [InlineData(ImagePullPolicy.Always, "ErrImagePull")]
    [InlineData(ImagePullPolicy.Never, "ErrImageNeverPull")]
    public async Task A_missing_image_is_reported_missing(ImagePullPolicy policy, string waitingReason)
    {
        var result = await Runtime.EnsureImageAsync(MissingImage, policy);

        Assert.Equal(ImageStatus.Missing, result.Status);
        Assert.False(result.IsUsable);
        Assert.Equal(waitingReason, result.WaitingReason);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public async Task Creating_a_container_from_a_missing_image_is_ImageNotFound()
    {
        var pod = NewPod("no-image");
        var sandbox = await SandboxAsync(pod);

        await ThrowsRuntimeErrorAsync(ContainerRuntimeErrorReason.ImageNotFound, () => Runtime.CreateContainerAsync(Spec(pod, sandbox, "app", MissingImage)));
    }
}
