using System.Text.RegularExpressions;
using ActorOrchestrator.IntegrationTests.Infrastructure;

namespace ActorOrchestrator.IntegrationTests;

/// <summary>
/// The schema against the providers' contract, without a silo: every key a 10.x provider looks
/// up exists, each query uses exactly the parameters that provider binds, and applying the files
/// again (as every start does) keeps tables and rows.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class OrleansSchemaTests(ScratchDatabase database) : IClassFixture<ScratchDatabase>
{
    private static readonly string[] StorageKey =
        ["GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainTypeHash", "GrainTypeString", "GrainIdExtensionString", "ServiceId"];

    /// <summary>Query keys and the parameter names the providers bind, from the providers' source.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ProviderContract = new Dictionary<string, string[]>
    {
        ["InsertMembershipVersionKey"] = ["DeploymentId"],
        ["InsertMembershipKey"] =
            ["DeploymentId", "Address", "Port", "Generation", "SiloName", "HostName", "Status", "ProxyPort", "StartTime", "IAmAliveTime", "Version"],
        ["UpdateMembershipKey"] =
            ["DeploymentId", "Address", "Port", "Generation", "Status", "SuspectTimes", "IAmAliveTime", "Version"],
        ["UpdateIAmAlivetimeKey"] = ["DeploymentId", "Address", "Port", "Generation", "IAmAliveTime"],
        ["MembershipReadRowKey"] = ["DeploymentId", "Address", "Port", "Generation"],
        ["MembershipReadAllKey"] = ["DeploymentId"],
        ["GatewaysQueryKey"] = ["DeploymentId", "Status"],
        ["DeleteMembershipTableEntriesKey"] = ["DeploymentId"],
        ["CleanupDefunctSiloEntriesKey"] = ["DeploymentId", "IAmAliveTime"],
        ["CleanupDefunctSiloEntryKey"] =
            ["DeploymentId", "Address", "Port", "Generation", "StartTime", "IAmAliveTime", "SuspectTimes"],
        ["ReadFromStorageKey"] = StorageKey,
        ["WriteToStorageKey"] = [.. StorageKey, "GrainStateVersion", "PayloadBinary"],
        ["ClearStorageKey"] = [.. StorageKey, "GrainStateVersion"],
        ["DeleteStorageKey"] = [.. StorageKey, "GrainStateVersion"],
        ["UpsertReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName", "StartTime", "Period", "GrainHash"],
        ["ReadReminderRowsKey"] = ["ServiceId", "GrainId"],
        ["ReadReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName"],
        ["ReadRangeRows1Key"] = ["ServiceId", "BeginHash", "EndHash"],
        ["ReadRangeRows2Key"] = ["ServiceId", "BeginHash", "EndHash"],
        ["DeleteReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName", "Version"],
        ["DeleteReminderRowsKey"] = ["ServiceId"],
    };

    public static TheoryData<string> QueryKeys => [.. ProviderContract.Keys];

    [Fact]
    public async Task Every_query_key_the_providers_look_up_is_defined()
    {
        var keys = await database.ColumnAsync<string>("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");

        Assert.Equal(ProviderContract.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(QueryKeys))]
    public async Task Query_uses_exactly_the_parameters_its_provider_binds(string key)
    {
        var text = await database.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", ("key", key));

        var used = ParameterName().Matches(text ?? "").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(ProviderContract[key].Order(StringComparer.Ordinal), used);
    }

    [Fact]
    public async Task Applying_the_schema_again_keeps_tables_rows_and_queries()
    {
        var deployment = $"rerun-{Guid.NewGuid():N}";
        await database.ScalarAsync<int>(
            "INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@d) RETURNING Version", ("d", deployment));
        var queriesBefore = await database.ColumnAsync<string>("SELECT QueryKey || QueryText FROM OrleansQuery ORDER BY QueryKey");

        await OrleansSchema.ApplyAsync(database.ConnectionString);

        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = @d", ("d", deployment)));
        Assert.Equal(queriesBefore, await database.ColumnAsync<string>("SELECT QueryKey || QueryText FROM OrleansQuery ORDER BY QueryKey"));
    }

    [GeneratedRegex(@"@([A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();
}
