using System.Net.Http.Json;
using System.Text.Json;
using Kexie.IntegrationTests.Infrastructure;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Kexie.IntegrationTests.WorkPlans;

internal static class WorkPlanTestData
{
    /// <summary>A small plan in the genre: a preamble, two parts, page furniture, units from the demo tree.</summary>
    public static string Plan(int year, string tag) => $"""
        示范市科学技术协会{year}年工作要点（{tag}）

        {year}年，市科协围绕中心、服务大局，推动各项工作开门红、季季红、全年红。

        一、夯实组织基础
        1.推进基层组织建设。年内新建镇(街道)科协3个，推动基层组织全覆盖。（责任单位：组织人事部）
        2.加强学会党建。推动学会党组织“两个覆盖”。（责任单位：学会学术部）
        — 2 —
        二、提升全民科学素质
        3.提升青少年科学素质。开展科学家精神进校园活动100场次。（责任单位：市教育局）
        4.办好全国科普日。开展科普日活动200场次以上。一是组织市县镇村四级联动。二是发布活动到全国平台。（责任单位：科学技术普及部）

        示范市科学技术协会
        {year}年1月15日
        """;

    public const string ReviewOnly = """
        示范市科协2025年工作综述

        2025年，在市委市政府的坚强领导下，市科协各项工作取得新成效。

        一、组织建设持续加强
        全年新建镇(街道)科协6个，三长任职达到120人。

        二、科普工作成效明显
        全年开展科普活动60多场次，参加公众10万余人次；科技馆接待观众5万余人次。
        """;

    public static async Task<JsonElement> Json(this HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        r.IsSuccessStatusCode.ShouldBeTrue($"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<Guid> ImportAndActivateAsync(HttpClient admin, string text)
    {
        var id = (await (await admin.PostAsJsonAsync("/api/v1/workplans", new { text })).Json()).GetProperty("id").GetGuid();
        var draft = await (await admin.GetAsync($"/api/v1/workplans/{id}")).Json();
        await (await admin.PostAsJsonAsync($"/api/v1/workplans/{id}/activate", new { version = draft.GetProperty("version").GetInt32() })).Json();
        return id;
    }

    public static async Task<List<JsonElement>> TasksAsync(HttpClient client, Guid planId) =>
        (await (await client.GetAsync($"/api/v1/workplans/tasks?planId={planId}&pageSize=500")).Json()).GetProperty("items").EnumerateArray().ToList();

    /// <summary>A staff account in an organisation (a member unit, a department), with one role.</summary>
    public static async Task CreateStaffAsync(KexieApp app, string userName, string orgName, string role = RoleNames.OrgLiaison)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = CurrentUser.System();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null) return;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Organisations.FirstAsync(o => o.Name == orgName || o.ShortName == orgName);
        var u = new AppUser { UserName = userName, DisplayName = userName, Kind = AccountKind.Staff, OrganisationId = org.Id, LockoutEnabled = true };
        (await users.CreateAsync(u, "Kexie@2026")).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(u, role)).Succeeded.ShouldBeTrue();
    }
}
