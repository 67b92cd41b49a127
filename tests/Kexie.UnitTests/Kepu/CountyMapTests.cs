using System.Text.Json;
using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Modules.Kepu.Features;
using Kexie.Web.Platform.Errors;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Kepu;

public sealed class CountyMapTests
{
    private static readonly Dictionary<string, string> Counties = new() { ["619902"] = "秦川区", ["619922"] = "云岭县" };

    private static string Feature(string codeJson, string type = "Polygon") =>
        $"{{\"type\":\"Feature\",\"properties\":{{{codeJson},\"name\":\"某区\"}},\"geometry\":{{\"type\":\"{type}\",\"coordinates\":[[[1,1],[2,1],[2,2],[1,1]]]}}}}";

    private static string Collection(params string[] features) => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}";

    [Fact]
    public void Numeric_string_and_twelve_digit_codes_are_normalised_to_the_countys_code_and_name()
    {
        var (json, codes) = CountyMapService.Normalise(Collection(Feature("\"adcode\":619902"), Feature("\"code\":\"619922000000\"")), Counties);
        codes.ShouldBe(["619902", "619922"]);
        var props = JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        props[0].GetProperty("code").GetString().ShouldBe("619902");
        props[0].GetProperty("name").GetString().ShouldBe("秦川区");
        props[1].GetProperty("name").GetString().ShouldBe("云岭县");
        props[0].TryGetProperty("adcode", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("[]", "FeatureCollection")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", "没有任何要素")]
    public void Not_a_feature_collection_is_refused(string text, string message) =>
        Should.Throw<DomainException>(() => CountyMapService.Normalise(text, Counties)).Message.ShouldContain(message);

    [Fact]
    public void Points_unknown_codes_and_repeated_counties_are_refused_naming_the_feature()
    {
        Should.Throw<DomainException>(() => CountyMapService.Normalise(Collection(Feature("\"adcode\":619902", "Point")), Counties)).Message.ShouldContain("第 1 个要素");
        Should.Throw<DomainException>(() => CountyMapService.Normalise(Collection(Feature("\"adcode\":619902"), Feature("\"adcode\":110101")), Counties))
            .Message.ShouldContain("第 2 个要素（某区）的代码 110101");
        Should.Throw<DomainException>(() => CountyMapService.Normalise(Collection(Feature("\"adcode\":619902"), Feature("\"adcode\":\"619902\"")), Counties))
            .Message.ShouldContain("出现多次");
    }

    [Fact]
    public void The_shipped_schematic_map_names_every_demo_county()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx"))) dir = dir.Parent;
        var text = File.ReadAllText(Path.Combine(dir!.FullName, "src/Kexie.Web/wwwroot", CountyMapService.SchematicPath));
        var demo = Kexie.Web.Platform.Demo.DemoRegions.Counties.ToDictionary(c => c.Code, c => c.Name);
        var (_, codes) = CountyMapService.Normalise(text, demo);
        codes.Order().ShouldBe(demo.Keys.Order());
    }

    [Fact]
    public void Import_reads_types_and_audiences_by_chinese_or_code_name()
    {
        ActivityImport.ParseType("科普进学校").ShouldBe(ActivityType.ToSchools);
        ActivityImport.ParseType("lecture").ShouldBe(ActivityType.Lecture);
        ActivityImport.ParseType("广场舞").ShouldBeNull();
        ActivityImport.ParseAudience("领导干部和公务员").ShouldBe(AudienceGroup.Officials);
        ActivityImport.ParseAudience("外星人").ShouldBeNull();
    }
}
