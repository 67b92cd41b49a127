using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Modules.Kepu.Domain;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Kexie.IntegrationTests.Kepu;

/// <summary>The county map of the public portal: the GeoJSON in use, counts per county for the list's filters, the admin upload.</summary>
public abstract class KepuMapTests(KexieApp app)
{
    protected KexieApp App { get; } = app;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private async Task<Guid> ActivityAsync(string title, string regionCode, ActivityStatus status, DateOnly start)
    {
        await using var db = App.SystemDb();
        var org = await db.Organisations.Where(o => o.Name == "石门镇科协").Select(o => o.Id).FirstAsync();
        var a = new Activity
        {
            OrganisationId = org,
            Title = title,
            Place = "地图测试地点",
            RegionCode = regionCode,
            StartDate = start,
            EndDate = start,
            Type = ActivityType.ToCommunities,
            Audience = AudienceGroup.Elderly,
        };
        a.SeedState(status, DateTime.UtcNow);
        db.Add(a);
        await db.SaveChangesAsync();
        return a.Id;
    }

    [Fact]
    public async Task County_counts_follow_the_list_filters_count_only_published_and_link_to_the_filtered_list()
    {
        var tag = "地图" + Guid.NewGuid().ToString("N")[..6];
        var day = Today.AddDays(3);
        await ActivityAsync($"{tag}秦川甲", "619902001", ActivityStatus.Published, day);
        await ActivityAsync($"{tag}秦川乙", "619902008", ActivityStatus.Completed, day);
        await ActivityAsync($"{tag}云岭", "619922", ActivityStatus.Published, day);
        await ActivityAsync($"{tag}云岭草稿", "619922", ActivityStatus.Submitted, day);
        await ActivityAsync($"{tag}秦川类型不符", "619902", ActivityStatus.Published, day);
        await using (var db = App.SystemDb())
        {
            var other = await db.Set<Activity>().FirstAsync(a => a.Title == $"{tag}秦川类型不符");
            other.Type = ActivityType.Lecture;
            await db.SaveChangesAsync();
        }

        var anon = App.Anonymous();
        var r = await anon.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/public/map/counties?q={tag}&type=ToCommunities&county=619922");
        r.GetProperty("year").GetInt32().ShouldBe(Today.Year);
        var counties = r.GetProperty("counties").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c);
        counties.Count.ShouldBe(7, "every county of the city is listed, with zero where nothing happens");
        counties["619902"].GetProperty("activities").GetInt32().ShouldBe(2, "published and completed; another type is filtered out");
        counties["619922"].GetProperty("activities").GetInt32().ShouldBe(1, "the draft is not public; the county filter itself does not apply");
        counties["619921"].GetProperty("activities").GetInt32().ShouldBe(0);
        counties["619902"].GetProperty("name").GetString().ShouldBe("秦川区");
        var link = counties["619902"].GetProperty("link").GetString()!;
        link.ShouldStartWith("/kepu?");
        link.ShouldContain("county=619902");
        link.ShouldContain("type=ToCommunities");

        // The link opens the list with exactly those records.
        var html = await anon.GetStringAsync(link);
        html.ShouldContain($"{tag}秦川甲");
        html.ShouldContain($"{tag}秦川乙");
        html.ShouldNotContain($"{tag}云岭");
        html.ShouldContain("data-counts-url=\"/api/v1/kepu/public/map/counties?q=");
        html.ShouldContain("year=" + Today.Year + "&amp;type=ToCommunities\"");
        html.ShouldContain("/lib/echarts/echarts.min.js");

        // A date range replaces the current year.
        var none = await anon.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/public/map/counties?q={tag}&from={day.AddDays(1):yyyy-MM-dd}");
        none.GetProperty("counties").EnumerateArray().Sum(c => c.GetProperty("activities").GetInt32()).ShouldBe(0);

        // The stored county follows the region when it changes, and the database refuses a county that is not its prefix.
        await using (var db = App.SystemDb())
        {
            var moved = await db.Set<Activity>().FirstAsync(a => a.Title == $"{tag}秦川甲");
            moved.RegionCode = "619921003";
            await db.SaveChangesAsync();
            await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE kp_activities SET county_code = '619923' WHERE id = {moved.Id}"));
        }
        // (another filter set than above: the counts are cached for a minute per filter set)
        var after = (await anon.GetFromJsonAsync<JsonElement>($"/api/v1/kepu/public/map/counties?q={tag}&type=ToCommunities&audience=Elderly"))
            .GetProperty("counties").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("activities").GetInt32());
        after["619902"].ShouldBe(1);
        after["619921"].ShouldBe(1);
        after["619923"].ShouldBe(0);
        (await anon.GetStringAsync($"/kepu?county=619921&q={tag}")).ShouldContain($"{tag}秦川甲");
    }

    [Fact]
    public async Task The_schematic_map_is_served_until_an_admin_uploads_the_citys_geojson()
    {
        var anon = App.Anonymous();
        var geo = await anon.GetAsync("/api/v1/kepu/public/map/geojson");
        geo.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = JsonDocument.Parse(await geo.Content.ReadAsStringAsync()).RootElement;
        doc.GetProperty("type").GetString().ShouldBe("FeatureCollection");
        var codes = doc.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("code").GetString()).ToList();
        codes.ShouldContain("619902");
        codes.Count.ShouldBe(7);

        // Only city-level administrators manage it.
        var county = await App.LoginAsync("county.qinchuan");
        (await county.GetAsync("/api/v1/kepu/map")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Upload(county, "x.geojson", Valid("619902"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anon.GetAsync("/api/v1/kepu/map")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var admin = await App.LoginAsync("city.admin");
        var bad = await Upload(admin, "map.geojson", Valid("110101"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("110101 不是本市的县(市、区)");
        (await Upload(admin, "map.geojson", "{\"type\":\"Feature\"}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Upload(admin, "map.geojson", "not json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Upload(admin, "map.txt", Valid("619902"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var noCode = await Upload(admin, "map.geojson", Valid("619902").Replace("\"adcode\":619902,", ""));
        (await noCode.Content.ReadAsStringAsync()).ShouldContain("缺少行政区划代码");

        // DataV GeoAtlas style: numeric adcode, extra properties; stored normalised.
        var ok = await Upload(admin, "示范市.json", Valid("619902", "619922"));
        ok.StatusCode.ShouldBe(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        var served = JsonDocument.Parse(await anon.GetStringAsync("/api/v1/kepu/public/map/geojson")).RootElement;
        var props = served.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        props.Select(p => p.GetProperty("code").GetString()).ShouldBe(["619902", "619922"]);
        props[1].GetProperty("name").GetString().ShouldBe("云岭县");
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/kepu/map");
        status.GetProperty("isSchematic").GetBoolean().ShouldBeFalse();
        status.GetProperty("fileName").GetString().ShouldBe("示范市.json");
        status.GetProperty("missingCounties").GetArrayLength().ShouldBe(5);
        await using (var db = App.SystemDb())
            (await db.AuditEntries.AnyAsync(a => a.EntityType == "县区地图")).ShouldBeTrue();

        // Without an uploaded map the schematic is served again (the other tests expect it).
        await using (var db = App.SystemDb())
        {
            db.RemoveRange(await db.Set<CountyMap>().ToListAsync());
            await db.SaveChangesAsync();
        }
        JsonDocument.Parse(await anon.GetStringAsync("/api/v1/kepu/public/map/geojson")).RootElement.GetProperty("features").GetArrayLength().ShouldBe(7);
    }

    private static string Valid(params string[] codes) =>
        "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", codes.Select((c, i) =>
            $"{{\"type\":\"Feature\",\"properties\":{{\"adcode\":{c},\"name\":\"县{i}\",\"level\":\"district\"}},"
            + $"\"geometry\":{{\"type\":\"MultiPolygon\",\"coordinates\":[[[[108.{i}1,34.1],[108.{i}2,34.1],[108.{i}2,34.2],[108.{i}1,34.1]]]]}}}}")) + "]}";

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string fileName, string content)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName } };
        return await client.PostAsync("/api/v1/kepu/map", form);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KepuMapTests_Sqlite(SqliteApp app) : KepuMapTests(app);

[Collection(PostgresCollection.Name)]
public sealed class KepuMapTests_Postgres(PostgresApp app) : KepuMapTests(app);
