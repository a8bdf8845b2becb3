using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

[Trait("Category", "Unit")]
public sealed class QuantityTests
{
    [Theory]
    [InlineData("100m", 100_000_000L)]
    [InlineData("0.5", 500_000_000L)]
    [InlineData("1", 1_000_000_000L)]
    [InlineData("2", 2_000_000_000L)]
    [InlineData("1.5", 1_500_000_000L)]
    [InlineData("250m", 250_000_000L)]
    [InlineData("1m", 1_000_000L)]
    [InlineData(".1", 100_000_000L)]
    [InlineData("100u", 100_000L)]
    [InlineData("1n", 1L)]
    [InlineData("1e-3", 1_000_000L)]
    [InlineData("0.0000000001", 1L)] // rounded up, never to zero
    public void Cpu_quantities_become_nano_cpus(string quantity, long nanoCpus) =>
        Assert.Equal(nanoCpus, Quantity.ToNanoCpus(quantity));

    [Theory]
    [InlineData("128Mi", 134_217_728L)]
    [InlineData("8Mi", 8_388_608L)]
    [InlineData("512Ki", 524_288L)]
    [InlineData("1Gi", 1_073_741_824L)]
    [InlineData("1G", 1_000_000_000L)]
    [InlineData("1M", 1_000_000L)]
    [InlineData("1k", 1_000L)]
    [InlineData("1Ti", 1_099_511_627_776L)]
    [InlineData("1.5Gi", 1_610_612_736L)]
    [InlineData("123456", 123_456L)]
    [InlineData("1e3", 1_000L)]
    [InlineData("1E3", 1_000L)]
    [InlineData("1E", 1_000_000_000_000_000_000L)]
    [InlineData("1Ei", 1_152_921_504_606_846_976L)]
    [InlineData("+64Mi", 67_108_864L)]
    [InlineData(" 64Mi ", 67_108_864L)]
    [InlineData("0.1", 1L)]
    public void Memory_quantities_become_bytes(string quantity, long bytes) =>
        Assert.Equal(bytes, Quantity.ToBytes(quantity));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("10 Mi")]
    [InlineData("1mi")]
    [InlineData("1KiB")]
    [InlineData("-1")]
    [InlineData("10E")]
    [InlineData("1e40")]
    public void Invalid_or_out_of_range_quantities_are_rejected(string quantity) =>
        Assert.Throws<FormatException>(() => Quantity.ToBytes(quantity));

    [Fact]
    public void Limits_come_from_quantities_and_absent_means_unlimited()
    {
        Assert.Equal(new ResourceLimits(500_000_000, 8_388_608), ResourceLimits.FromQuantities("500m", "8Mi"));
        Assert.Equal(ResourceLimits.None, ResourceLimits.FromQuantities(null, null));
    }
}
