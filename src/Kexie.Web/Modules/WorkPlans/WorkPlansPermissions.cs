using Kexie.Web.Platform.Identity;

namespace Kexie.Web.Modules.WorkPlans;

public static class WorkPlansPermissions
{
    /// <summary>See plans and the tasks in one's data scope.</summary>
    public const string View = "workplans.view";
    /// <summary>Import and correct plans, assign tasks, issue 督办, grade, write the annual review.</summary>
    public const string Manage = "workplans.manage";
    /// <summary>Report progress on one's tasks and answer 督办 notices.</summary>
    public const string Report = "workplans.report";

    public static IEnumerable<PermissionDefinition> All =>
    [
        new(View, "工作要点", "查看工作要点与重点任务", "View work plans and tasks", RoleNames.Staff),
        new(Manage, "工作要点", "导入工作要点、分解任务、督办、验收评定、年度综述", "Manage work plans, tasks, supervision and the annual review", RoleNames.CityLevel),
        new(Report, "工作要点", "报送任务进度、答复督办", "Report task progress and answer supervision notices", RoleNames.Staff),
    ];
}
