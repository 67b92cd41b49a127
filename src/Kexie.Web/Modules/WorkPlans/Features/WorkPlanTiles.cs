using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Web;

namespace Kexie.Web.Modules.WorkPlans.Features;

/// <summary>The console's tiles: tasks in scope, and how many are red or yellow today.</summary>
internal sealed class WorkPlanTiles(ListTasks tasks) : IDashboardTiles
{
    public async Task<IReadOnlyList<DashboardTile>> GetAsync(CurrentUser user, CancellationToken ct)
    {
        if (!user.Has(WorkPlansPermissions.View)) return [];
        var (rows, total) = await tasks.HandleAsync(new TaskQuery(PageSize: 500), ct);
        if (total == 0) return [];
        var lights = LightCounts.Of(rows);
        return
        [
            new("重点任务", total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), "/workplans/tasks", $"已完成 {lights.Done}"),
            new("逾期（红灯）", lights.Red.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/workplans/tasks?light={TrafficLight.Red}", "逾期或督办超期未答复"),
            new("滞后（黄灯）", lights.Yellow.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/workplans/tasks?light={TrafficLight.Yellow}"),
        ];
    }
}
