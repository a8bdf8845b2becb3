using ActorOrchestrator.Api.Validation;

namespace ActorOrchestrator.UnitTests.Api.Validation;

public class GeneratedNamesTests
{
    [Fact]
    public void Appends_five_characters_from_the_kubernetes_alphabet()
    {
        var name = GeneratedNames.Generate("web-", new Random(1));
        Assert.StartsWith("web-", name);
        Assert.Equal(9, name.Length);
        Assert.All(name[4..], c => Assert.Contains(c, GeneratedNames.Alphabet));
        Assert.Equal("bcdfghjklmnpqrstvwxz2456789", GeneratedNames.Alphabet);
    }

    [Fact]
    public void Long_prefixes_are_cut_to_58_so_the_name_fits_63()
    {
        var name = GeneratedNames.Generate(new string('a', 100), new Random(2));
        Assert.Equal(63, name.Length);
        Assert.Equal(new string('a', 58), name[..58]);
        Assert.Empty(NameValidation.IsDns1123Label(name));
    }

    [Fact]
    public void Same_seed_same_name_and_names_vary()
    {
        Assert.Equal(GeneratedNames.Generate("x-", new Random(7)), GeneratedNames.Generate("x-", new Random(7)));
        var names = Enumerable.Range(0, 50).Select(_ => GeneratedNames.Generate("x-")).ToHashSet();
        Assert.True(names.Count > 45);
    }

    [Fact]
    public void FillIn_sets_the_name_only_when_missing()
    {
        var obj = Json.Obj("""{"metadata":{"generateName":"job-"}}""");
        Assert.True(GeneratedNames.FillIn(obj, new Random(3)));
        Assert.StartsWith("job-", obj["metadata"]!["name"]!.GetValue<string>());

        var named = Json.Obj("""{"metadata":{"name":"fixed","generateName":"job-"}}""");
        Assert.False(GeneratedNames.FillIn(named));
        Assert.Equal("fixed", named["metadata"]!["name"]!.GetValue<string>());

        Assert.False(GeneratedNames.FillIn(Json.Obj("""{"metadata":{}}""")));
        var emptyName = Json.Obj("""{"metadata":{"name":"","generateName":"a-"}}""");
        Assert.True(GeneratedNames.FillIn(emptyName));
    }
}
