using ActorOrchestrator.Gateway.Printing;

namespace ActorOrchestrator.UnitTests.Gateway;

public class HumanDurationTests
{
    [Theory]
    [InlineData(-3, "<invalid>")]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(123, "2m3s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(5 * 60 + 30, "5m30s")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 12 * 60 + 40, "3h12m")]
    [InlineData(8 * 3600 - 1, "7h59m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600 + 59 * 60, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(51 * 3600, "2d3h")]
    [InlineData(8 * 86400 - 1, "7d23h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData((3 * 365 + 45) * 86400L, "3y45d")]
    [InlineData(8 * 365 * 86400L, "8y")]
    [InlineData(10 * 365 * 86400L + 200 * 86400L, "10y")]
    public void Formats_like_kubernetes(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Fractions_of_a_second_are_truncated() =>
        Assert.Equal("0s", HumanDuration.Format(TimeSpan.FromMilliseconds(999)));

    [Fact]
    public void Since_without_a_timestamp_is_unknown() =>
        Assert.Equal("<unknown>", HumanDuration.Since(null, DateTimeOffset.UnixEpoch));

    [Fact]
    public void Since_measures_from_now()
    {
        var now = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("5h", HumanDuration.Since(now.AddHours(-5), now));
    }
}
