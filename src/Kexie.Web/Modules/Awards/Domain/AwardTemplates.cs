namespace Kexie.Web.Modules.Awards.Domain;

public sealed record CallTemplate(string Key, string Name, string Description, CallConfig Config);

/// <summary>
/// The shipped templates. Each is a plain <see cref="CallConfig"/>, exactly what a user could build in the
/// configuration editor or import as JSON: no template has a code path of its own.
/// </summary>
public static class AwardTemplates
{
    private static CriterionDef C(string key, string name, decimal max, decimal weight = 1) => new(key, name, weight, 0, max);

    private static readonly FieldDef[] PersonFields =
    [
        new("gender", "性别", FieldType.Choice, true, ["男", "女"]),
        new("birth", "出生日期", FieldType.Date, true),
        new("title", "职称", FieldType.Text, true, MaxLength: 50),
        new("person", "科技工作者库中的申报人", FieldType.Person),
        new("achievements", "主要事迹与成果", FieldType.LongText, true, MaxLength: 5000),
        new("attachment", "证明材料", FieldType.File),
    ];

    public static readonly IReadOnlyList<CallTemplate> All =
    [
        new("young-scientist", "青年科技奖", "个人申报，县区科协和学会按名额推荐，专家评审打分，设青年科技奖10名。", new CallConfig
        {
            Categories = ["自然科学", "工程技术", "农业科技", "医药卫生"],
            ApplicantKind = ApplicantKind.Person,
            DefaultQuota = 2,
            Fields = [.. PersonFields, new("age-check", "申报当年不超过40周岁", FieldType.Choice, true, ["是", "否"])],
            Rounds = [new("专家评审", new ScoringForm(ScoringMethod.Weighted, [
                C("innovation", "创新性", 30), C("contribution", "学术贡献", 30), C("benefit", "经济社会效益", 25), C("ethics", "科学道德与学风", 15)]), 7, 2)],
            Tiers = [new("青年科技奖", Count: 10)],
            PublicityWorkingDays = 7,
            TrimmedMean = true,
        }),
        new("most-beautiful", "最美科技工作者", "个人申报，推荐单位推荐，专家评审与网络投票相结合，评选10名。", new CallConfig
        {
            Categories = [],
            ApplicantKind = ApplicantKind.Person,
            DefaultQuota = 2,
            Fields = [.. PersonFields, new("video", "事迹短片链接", FieldType.VideoLink)],
            Rounds = [new("专家评审", new ScoringForm(ScoringMethod.Weighted, [
                C("deeds", "先进事迹", 40), C("spirit", "科学家精神", 30), C("influence", "社会影响", 30)]), 5, 2)],
            Tiers = [new("最美科技工作者", Count: 10)],
            PublicityWorkingDays = 5,
            PublicVoting = true,
            VotesPerPersonPerDay = 1,
            VotingWeightPercent = 30,
        }),
        new("paper", "优秀自然科学论文", "作者申报已发表论文，学会推荐，匿名评审，一二三等奖按比例。", new CallConfig
        {
            Categories = ["理学", "工学", "农学", "医学"],
            ApplicantKind = ApplicantKind.Person,
            DefaultQuota = 5,
            Fields =
            [
                new("journal", "发表期刊", FieldType.Text, true, MaxLength: 200),
                new("published", "发表日期", FieldType.Date, true),
                new("authors", "作者（按署名顺序）", FieldType.Text, true, MaxLength: 500),
                new("citations", "被引次数", FieldType.Number),
                new("fulltext", "论文全文", FieldType.File, true),
            ],
            Rounds = [new("匿名评审", new ScoringForm(ScoringMethod.Weighted, [
                C("originality", "原创性", 40), C("rigor", "科学性与严谨性", 30), C("impact", "学术影响", 30)]), 5, 2)],
            Tiers = [new("一等奖", Share: 0.1m), new("二等奖", Share: 0.2m), new("三等奖", Share: 0.3m)],
            Blind = true,
            TrimmedMean = true,
        }),
        new("youth-innovation", "青少年科技创新大赛", "学生作品与科技辅导员作品分组评审；学生一二三等奖12/28/102，辅导员4/8/12。", new CallConfig
        {
            Categories = ["学生科技创新成果", "科技辅导员科技教育创新成果"],
            ApplicantKind = ApplicantKind.Person,
            DefaultQuota = 20,
            Fields =
            [
                new("school", "学校", FieldType.Text, true, MaxLength: 100),
                new("grade", "年级", FieldType.Choice, true, ["小学", "初中", "高中", "教师"]),
                new("discipline", "学科", FieldType.Choice, true, ["物理", "化学", "生物", "工程", "计算机", "环境", "行为与社会科学"]),
                new("counsellor", "指导教师", FieldType.Text, MaxLength: 50),
                new("abstract", "作品简介", FieldType.LongText, true, MaxLength: 3000),
                new("report", "研究报告", FieldType.File),
            ],
            Rounds = [new("终评", new ScoringForm(ScoringMethod.Weighted, [
                C("innovation", "创新性", 40), C("science", "科学性", 30), C("practice", "实用性", 30)]), 5, 2)],
            Tiers =
            [
                new("一等奖", Count: 12, Category: "学生科技创新成果"), new("二等奖", Count: 28, Category: "学生科技创新成果"), new("三等奖", Count: 102, Category: "学生科技创新成果"),
                new("辅导员一等奖", Count: 4, Category: "科技辅导员科技教育创新成果"), new("辅导员二等奖", Count: 8, Category: "科技辅导员科技教育创新成果"),
                new("辅导员三等奖", Count: 12, Category: "科技辅导员科技教育创新成果"),
            ],
            PublicityWorkingDays = 5,
            TieRule = TieRule.FirstCriterionThenFirstPlaces,
        }),
        new("short-video", "科普短视频大赛", "个人或团队投稿短视频链接，无需推荐，专家排序评审。", new CallConfig
        {
            Categories = ["健康", "应急", "前沿科技", "农业"],
            ApplicantKind = ApplicantKind.Person,
            RequiresRecommendation = false,
            Fields =
            [
                new("video", "视频链接", FieldType.VideoLink, true),
                new("duration", "时长（秒）", FieldType.Number, true),
                new("summary", "内容简介", FieldType.LongText, true, MaxLength: 1000),
            ],
            Rounds = [new("专家评审", new ScoringForm(ScoringMethod.Weighted, [
                C("science", "科学性", 40), C("appeal", "传播力", 30), C("craft", "制作水平", 30)]), 5, 1)],
            Tiers = [new("一等奖", Count: 3), new("二等奖", Count: 6), new("三等奖", Count: 10), new("优秀奖", Share: 0.2m)],
            PublicityWorkingDays = 5,
            PublicVoting = true,
        }),
        new("think-tank", "智库课题", "单位申报课题，立项评审（通过/不通过），结题验收评定优秀/合格/不合格。", new CallConfig
        {
            Categories = ["重点课题", "一般课题"],
            ApplicantKind = ApplicantKind.Unit,
            DefaultQuota = 3,
            Fields =
            [
                new("leader", "课题负责人", FieldType.Person, true),
                new("unit", "承担单位", FieldType.Organisation, true),
                new("budget", "申请经费（万元）", FieldType.Number, true),
                new("plan", "研究方案", FieldType.LongText, true, MaxLength: 8000),
                new("proposal", "申报书", FieldType.File, true),
            ],
            Rounds =
            [
                new("立项评审", new ScoringForm(ScoringMethod.PassFail, []), 5, 2),
                new("结题验收", new ScoringForm(ScoringMethod.Grade, [], ["优秀", "合格", "不合格"]), 5, 2),
            ],
            Tiers = [],
            PublicityWorkingDays = 5,
        }),
        new("survey-report", "优秀科技调研报告", "科技工作者调研报告评选，择优编入《科技工作者建议》。", new CallConfig
        {
            Categories = [],
            ApplicantKind = ApplicantKind.Person,
            DefaultQuota = 3,
            Fields =
            [
                new("authors", "作者", FieldType.Text, true, MaxLength: 200),
                new("report", "调研报告", FieldType.File, true),
                new("advice", "主要建议", FieldType.LongText, true, MaxLength: 3000),
            ],
            Rounds = [new("专家评审", new ScoringForm(ScoringMethod.Weighted, [
                C("value", "决策参考价值", 50), C("evidence", "调研扎实程度", 30), C("writing", "文字质量", 20)]), 5, 2)],
            Tiers = [new("一等奖", Count: 3), new("二等奖", Count: 5), new("三等奖", Count: 8)],
            TrimmedMean = true,
        }),
    ];

    public static CallTemplate? Find(string key) => All.FirstOrDefault(t => t.Key == key);
}
