using Kexie.Web.Modules.WorkPlans.Domain;
using Kexie.Web.Modules.WorkPlans.Features;
using Kexie.Web.Modules.WorkPlans.Parsing;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.WorkPlans;

/// <summary>示范市科协2026年工作要点, parsed like an import, confirmed into tasks, some targets bound to platform metrics, with a little history.</summary>
internal sealed class WorkPlansDemoSeeder : DemoSeeder.IModuleSeeder
{
    public int Order => 900;

    public const string PlanText = """
        示范市科学技术协会2026年工作要点

        2026年，市科协坚持以习近平新时代中国特色社会主义思想为指导，围绕“开门红、季季红、全年红”，聚焦“四服务”职责定位，推动全市科协事业高质量发展。

        一、夯实组织基础，扩大基层覆盖
        1.推进基层组织建设。深化“三长制”改革，年内新建镇(街道)科协3个，推动基层组织全覆盖。（责任单位：组织人事部）
        2.发挥三长作用。在镇(街道)科协配备三长30人以上，组建三会三队。（责任单位：组织人事部）
        3.加强学会党建。推动学会党组织“两个覆盖”，开展学会评价，支持一批、规范一批、淘汰一批。（责任单位：学会学术部）

        二、提升科普能力，服务全民科学素质
        4.办好全国科普日。9月组织全市市县镇村四级联动，开展科普日活动200场次以上。（责任单位：科学技术普及部）
        5.用好科普阵地。科技馆全年开放250天以上，接待观众6万人次；科普大篷车巡展15次。（责任单位：示范市科技馆）
        6.建设社区科普大学。重点扶持30—50所精品社区科普大学。（责任单位：科学技术普及部）
        7.办好青少年科技创新大赛。组织第三十届青少年科技创新大赛，征集作品300件以上。（责任单位：示范市青少年科技中心）

        三、服务创新发展，建设人才高地
        8.建设院士专家工作站。新建院士专家工作站5家，开展年度考核。（责任单位：科技服务部）
        9.开展产需对接。收集企业技术需求100项，组织对接活动10场。（责任单位：科技服务部）
        10.壮大科技志愿服务队伍。注册科技志愿者4500人以上，开展志愿服务活动60场次。（责任单位：科学技术普及部）

        四、协同推进全民科学素质行动
        11.提升青少年科学素质。开展科学家精神进校园活动100场次。（责任单位：市教育局、市科技局）
        12.提升农民科学素质。开展农业实用技术培训200期，培训农民1万人次。（责任单位：市农业农村局）
        13.提升老年人健康素养。开展健康科普讲座120场。（责任单位：市卫健委、市民政局）

        五、加强自身建设
        14.加强机关党建。落实全面从严治党主体责任，开展主题党日活动12次。（责任单位：办公室）
        15.办好年度综述。全年工作数字全部来自平台记录，年底形成年度工作综述。（责任单位：办公室）

        示范市科学技术协会
        2026年1月15日
        """;

    public async Task SeedAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        var cityName = DemoCityData.City.AssociationName;
        var city = await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == cityName, ct);
        var parsed = WorkPlanParser.Parse(PlanText);
        var plan = new WorkPlan
        {
            OrganisationId = city.Id,
            Title = parsed.Title,
            Year = parsed.Year ?? 2026,
            Kind = parsed.Kind,
            Status = WorkPlanStatus.Draft,
            OriginalText = PlanText,
            SourceFileName = "示范市科协2026年工作要点.txt",
        };
        plan.SetDraft(ImportPlan.DraftOf(parsed));
        db.Set<WorkPlan>().Add(plan);
        var items = plan.Draft().Where(i => !i.Dropped && !i.IsReview).ToList();
        plan.Activate(new DateTime(plan.Year, 1, 20, 2, 0, 0, DateTimeKind.Utc));
        var resolver = await UnitResolver.LoadAsync(db, city.Id, ct);
        var tasks = ActivatePlan.CreateTasks(db, plan, items, resolver, new DateOnly(plan.Year, 12, 31), ReportRhythm.Quarterly);
        foreach (var t in tasks) t.CreatedAt = plan.ActivatedAt!.Value;
        await db.SaveChangesAsync(ct);

        // Targets the platform can count by itself.
        var targets = await db.Set<WorkTarget>().Where(t => t.PlanId == plan.Id).ToListAsync(ct);
        foreach (var t in targets)
        {
            if (t.Subject.Contains("科协", StringComparison.Ordinal) && t.Unit == "个")
                (t.MetricKey, t.MetricParameters) = (PlatformMetrics.OrganisationsFounded, "type=TownAssociation");
            else if (t.Subject.Contains("三长", StringComparison.Ordinal))
                t.MetricKey = PlatformMetrics.SanZhangPosts;
            else if (t.Subject.Contains("作品", StringComparison.Ordinal))
                (t.MetricKey, t.MetricParameters) = (Awards.Contracts.AwardMetrics.EntriesReceived, "template=youth-innovation");
        }

        // A little history: reports, a graded task, a 督办 waiting for an answer, a task behind schedule.
        var by = (Func<int, WorkTask>)(n => tasks[n - 1]);
        void Report(WorkTask t, int month, int percent, string text)
        {
            var at = new DateTime(plan.Year, month, 25, 2, 0, 0, DateTimeKind.Utc);
            db.Set<ProgressReport>().Add(new ProgressReport
            {
                OrganisationId = t.OrganisationId,
                TaskId = t.Id,
                Period = ProgressReport.PeriodOf(t.Rhythm, DateOnly.FromDateTime(at)),
                Text = text,
                Percent = percent,
                ReportedBy = "示范数据",
                ReportedAt = at,
            });
            t.ReportedPercent = percent;
            t.LastReportAt = at;
        }
        Report(by(4), 9, 100, "全国科普日期间四级联动开展活动216场次。");
        by(4).Status = WorkTaskStatus.Completed;
        by(4).Grade = TaskGrade.Excellent;
        by(4).CompletedAt = new DateTime(plan.Year, 10, 10, 2, 0, 0, DateTimeKind.Utc);
        Report(by(5), 9, 75, "科技馆开放188天，接待观众4.6万人次；大篷车巡展11次。");
        Report(by(8), 6, 40, "受理工作站申报8家，完成形式审查。");
        Report(by(12), 3, 20, "制定培训计划，完成首批培训20期。");
        Report(by(6), 9, 80, "新认定精品社区科普大学34所。");
        db.Set<SupervisionNotice>().Add(new SupervisionNotice
        {
            OrganisationId = by(12).OrganisationId,
            TaskId = by(12).Id,
            Text = "农民科学素质培训进度滞后，请说明原因并报送下一步安排。",
            AnswerBy = new DateOnly(plan.Year, 12, 5),
            IssuedBy = "周明远",
            IssuedAt = new DateTime(plan.Year, 11, 20, 2, 0, 0, DateTimeKind.Utc),
        });
        by(2).LeadPerson = "组织人事部 部长";
        by(8).LeadPerson = "科技服务部 部长";
        await db.SaveChangesAsync(ct);
    }
}
