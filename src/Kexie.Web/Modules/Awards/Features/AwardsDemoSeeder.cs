using System.Text.Json;
using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Awards.Features;

/// <summary>
/// One call per template for the demo year, in different stages, so 示范市 shows a living module: open calls with
/// entries in every state, a 青少年科技创新大赛 under review with expert.heqiushi on the panel, and a confirmed
/// 优秀科技调研报告 with its ranking.
/// </summary>
internal sealed class AwardsDemoSeeder : DemoSeeder.IModuleSeeder
{
    public int Order => 500;

    private static readonly string[] SurveyPanel = ["专家甲", "专家乙", "专家丙"];

    public async Task SeedAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        var now = db.UtcNow;
        var year = now.AddHours(8).Year;
        var orgs = await db.Organisations.WithoutDataScope().AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Name, o.Type, o.ParentId }).ToListAsync(ct);
        var city = orgs.First(o => o.ParentId == null).Id;
        var units = orgs.Where(o => o.Type is OrganisationType.CountyAssociation or OrganisationType.Society).ToList();
        var users = await db.Users.WithoutDataScope().AsNoTracking().Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var qinchuan = orgs.First(o => o.Name == "秦川区科协").Id;
        var yunling = orgs.FirstOrDefault(o => o.Name == "云岭县科协")?.Id ?? qinchuan;
        var nongxue = orgs.FirstOrDefault(o => o.Name == "示范市农学会")?.Id ?? qinchuan;
        var applicant = users.GetValueOrDefault("public.demo", users["city.admin"]);
        var rnd = new Random(2026);

        AwardCall Call(string key, CallStatus status, string? edition, int openDays)
        {
            var t = AwardTemplates.Find(key)!;
            var c = new AwardCall
            {
                OrganiserId = city,
                Name = t.Name,
                Edition = edition,
                Year = year,
                TemplateKey = key,
                Status = status,
                SubmissionDeadline = now.AddDays(openDays),
                RecommendationDeadline = now.AddDays(openDays + 7),
                Notice = t.Description,
            };
            c.SetConfig(t.Config);
            db.Add(c);
            var no = 1;
            foreach (var r in t.Config.Rounds)
                db.Add(new AwardRound { CallId = c.Id, No = no++, Name = r.Name, Method = r.Form.Method, FormJson = JsonSerializer.Serialize(r.Form, CallConfig.Json), PanelSize = r.PanelSize, Reserves = r.Reserves });
            if (t.Config.RequiresRecommendation && t.Config.DefaultQuota > 0)
                foreach (var u in units) db.Add(new AwardQuota { CallId = c.Id, UnitId = u.Id, Quota = t.Config.DefaultQuota });
            return c;
        }

        AwardEntry Entry(AwardCall c, Guid org, string title, string person, string unit, EntryStatus status, string? category = null)
        {
            var values = c.Config.Fields.Where(f => f.Required).ToDictionary(f => f.Key, f => (string?)(f.Type switch
            {
                FieldType.Choice => f.Choices![0],
                FieldType.Date => $"{year - 1}-06-01",
                FieldType.Number => "10",
                FieldType.VideoLink => "https://video.example.cn/kexie/demo",
                FieldType.File or FieldType.Person => null,
                FieldType.Organisation => org.ToString(),
                _ => $"{title}：示范数据",
            })).Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
            var e = new AwardEntry
            {
                CallId = c.Id,
                OrganisationId = org,
                OwnerUserId = applicant,
                Title = title,
                ApplicantName = person,
                ApplicantUnit = unit,
                Category = category ?? (c.Config.Categories.Count > 0 ? c.Config.Categories[0] : null),
                ValuesJson = JsonSerializer.Serialize(values),
                Status = status,
                SubmittedAt = status == EntryStatus.Draft ? null : now.AddDays(-3),
            };
            if (c.Config.RequiresRecommendation && status is EntryStatus.Recommended or EntryStatus.Eligible or EntryStatus.Returned or EntryStatus.Rejected)
            {
                e.HoldsQuota = true;
                e.RecommendedAt = now.AddDays(-2);
                e.RecommendedBy = "示范数据";
            }
            if (status == EntryStatus.Returned) e.ReturnReason = "证明材料不全，请补充近三年代表性成果的证明";
            if (status == EntryStatus.Rejected) e.RejectReason = "申报人年龄超过限制";
            if (status is EntryStatus.Eligible or EntryStatus.Returned or EntryStatus.Rejected) { e.CheckedAt = now.AddDays(-1); e.CheckedBy = "示范数据"; }
            db.Add(e);
            return e;
        }

        // 青年科技奖: open, entries in every state.
        var young = Call("young-scientist", CallStatus.Open, "第六届", 20);
        Entry(young, qinchuan, "设施蔬菜绿色防控技术研究", "林晓", "秦川区农业技术推广中心", EntryStatus.Draft);
        Entry(young, qinchuan, "黄河滩区盐碱地改良", "周予安", "示范市农业科学研究院", EntryStatus.Submitted);
        Entry(young, yunling, "山区小水电安全监测", "韩宇", "云岭县水利局", EntryStatus.Recommended, "工程技术");
        Entry(young, nongxue, "小麦赤霉病抗性育种", "陈静", "示范市农学会", EntryStatus.Returned, "农业科技");
        Entry(young, qinchuan, "基层医疗影像辅助诊断", "赵一鸣", "秦川区人民医院", EntryStatus.Eligible, "医药卫生");

        var beautiful = Call("most-beautiful", CallStatus.Open, $"{year}年度", 15);
        Entry(beautiful, yunling, "扎根山区三十年的农技员", "孙德厚", "云岭县农技站", EntryStatus.Submitted);
        Entry(beautiful, nongxue, "带领村民种出致富果", "王秀兰", "示范市农学会", EntryStatus.Recommended);

        Call("paper", CallStatus.Draft, $"{year}年度", 60);

        var video = Call("short-video", CallStatus.Open, "第三届", 30);
        Entry(video, qinchuan, "一分钟看懂地震避险", "石门镇中学科技社", "石门镇中学", EntryStatus.Submitted, "应急");
        Entry(video, yunling, "稻田里的生物防治", "李航", "云岭县融媒体中心", EntryStatus.Draft, "农业");

        // 青少年科技创新大赛: under review; expert.heqiushi and city.xuehui score, he still has entries to do.
        var youth = Call("youth-innovation", CallStatus.Review, "第三十七届", -10);
        var youthRound = db.Set<AwardRound>().Local.First(r => r.CallId == youth.Id);
        var youthEntries = new List<AwardEntry>();
        string[] works = ["校园雨水回收灌溉装置", "基于图像识别的垃圾分类箱", "家乡河流水质调查", "智能盲杖", "蚯蚓处理厨余垃圾的研究", "老人跌倒报警鞋垫"];
        for (var i = 0; i < works.Length; i++)
            youthEntries.Add(Entry(youth, i % 2 == 0 ? qinchuan : yunling, works[i], $"学生{i + 1}", i % 2 == 0 ? "秦川区实验中学" : "云岭县第一中学", EntryStatus.Eligible));
        youthEntries.Add(Entry(youth, qinchuan, "科学探究课程的项目式教学", "刘老师", "秦川区实验中学", EntryStatus.Eligible, "科技辅导员科技教育创新成果"));
        var reviewers = new List<AwardReviewer>();
        foreach (var (name, display) in new[] { ("expert.heqiushi", "何秋实"), ("city.xuehui", "学会学术部") })
            if (users.TryGetValue(name, out var uid))
                reviewers.Add(new AwardReviewer { RoundId = youthRound.Id, UserId = uid, Name = display, Employer = "示范市" });
        db.AddRange(reviewers);
        foreach (var e in youthEntries)
            foreach (var r in reviewers)
            {
                var a = new AwardAssignment { RoundId = youthRound.Id, EntryId = e.Id, ReviewerId = r.Id, ReviewerUserId = r.UserId };
                if (r.Name != "何秋实" || youthEntries.IndexOf(e) < 2)
                {
                    var scores = new Dictionary<string, decimal> { ["innovation"] = rnd.Next(20, 41), ["science"] = rnd.Next(15, 31), ["practice"] = rnd.Next(15, 31) };
                    a.ScoresJson = JsonSerializer.Serialize(scores);
                    a.Total = AwardAggregator.WeightedTotal(youthRound.Form, scores);
                    a.FormVersion = youthRound.FormVersion;
                    a.Status = AssignmentStatus.Scored;
                    a.ScoredAt = now.AddDays(-1);
                    youthRound.FrozenAt ??= now.AddDays(-1);
                }
                db.Add(a);
            }

        // 智库课题: open for proposals from units.
        var think = Call("think-tank", CallStatus.Open, $"{year}年度", 25);
        Entry(think, nongxue, "乡村振兴中的科技特派员制度研究", "示范市农学会", "示范市农学会", EntryStatus.Recommended, "重点课题");

        // 优秀科技调研报告: ranked and confirmed by the chair.
        var survey = Call("survey-report", CallStatus.ChairConfirmed, $"{year}年度", -30);
        survey.ChairConfirmedAt = now.AddDays(-2);
        survey.ChairConfirmedBy = "市科协管理员";
        var surveyRound = db.Set<AwardRound>().Local.First(r => r.CallId == survey.Id);
        surveyRound.FrozenAt = now.AddDays(-10);
        surveyRound.RankedAt = now.AddDays(-3);
        var panel = SurveyPanel.Select(n => new AwardReviewer { RoundId = surveyRound.Id, Name = n, Employer = "示范市" }).ToList();
        db.AddRange(panel);
        string[] reports = ["县域医疗人才流失调研", "中小企业研发投入调研", "农村电商物流调研", "老年人数字鸿沟调研", "城市内涝治理调研", "职业教育与产业匹配调研", "科普场馆利用率调研", "民营企业科协建设调研"];
        var surveyEntries = reports.Select((t, i) => Entry(survey, units[i % units.Count].Id, t, $"调研组{i + 1}", units[i % units.Count].Name, EntryStatus.Eligible)).ToList();
        var surveyScores = new List<ReviewScore>();
        foreach (var e in surveyEntries)
            foreach (var r in panel)
            {
                var scores = new Dictionary<string, decimal> { ["value"] = rnd.Next(30, 51), ["evidence"] = rnd.Next(15, 31), ["writing"] = rnd.Next(10, 21) };
                var total = AwardAggregator.WeightedTotal(surveyRound.Form, scores);
                db.Add(new AwardAssignment
                {
                    RoundId = surveyRound.Id,
                    EntryId = e.Id,
                    ReviewerId = r.Id,
                    ScoresJson = JsonSerializer.Serialize(scores),
                    Total = total,
                    FormVersion = 1,
                    Status = AssignmentStatus.Scored,
                    ScoredAt = now.AddDays(-5)
                });
                surveyScores.Add(new ReviewScore(e.Id, r.Id, total, scores));
            }
        foreach (var r in AwardAggregator.Aggregate(surveyRound.Form, survey.Config, surveyEntries.Select(e => new AggregateEntry(e.Id, e.Category)).ToList(), surveyScores))
            db.Add(new AwardResult
            {
                CallId = survey.Id,
                RoundId = surveyRound.Id,
                EntryId = r.EntryId,
                Category = r.Category,
                Score = r.Rounded,
                ScoreCount = r.ScoreCount,
                Rank = r.Rank,
                Tier = r.Tier,
                Grade = r.Grade,
                TieFlagged = r.TieFlagged,
                TieNote = r.TieNote
            });
        foreach (var q in db.Set<AwardQuota>().Local)
        {
            q.Used = db.Set<AwardEntry>().Local.Count(e => e.CallId == q.CallId && e.OrganisationId == q.UnitId && e.HoldsQuota);
            q.Quota = Math.Max(q.Quota, q.Used);
        }
        await db.SaveChangesAsync(ct);
    }
}
