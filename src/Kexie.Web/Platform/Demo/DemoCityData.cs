namespace Kexie.Web.Platform.Demo;

/// <summary>
/// 示范市 (Shifan City): a fictional prefecture-level city in 陕西省, so that a newcomer meets a living
/// 科协 network. Codes use the unused GB/T 2260 prefix 6199; every name of a place, unit and person is
/// invented. Regions are in <see cref="DemoRegions"/>, 三长 in <see cref="DemoSanZhangData"/>, people in
/// <see cref="DemoPeopleData"/>, logins in <see cref="DemoAccounts"/>.
/// </summary>
public static class DemoCityData
{
    /// <summary>The city code.</summary>
    public const string CityCode = "619900";

    /// <summary>秦川区, where the city organs sit.</summary>
    public const string SeatCountyCode = "619902";

    /// <summary>The whole demo city.</summary>
    public static DemoCity City { get; } = new(
        Name: "示范市",
        NameEn: "Shifan City",
        RegionCode: CityCode,
        SeatCountyCode: SeatCountyCode,
        Counties: DemoRegions.Counties,
        Parks: Parks,
        CityDepartments: CityDepartments,
        DirectUnits: DirectUnits,
        Societies: Societies,
        Enterprises: Enterprises,
        Universities: Universities,
        Institutes: Institutes,
        PublicInstitutions: PublicInstitutions,
        RuralTechAssociations: RuralTechAssociations,
        MemberUnits: MemberUnits,
        SanZhang: DemoSanZhangData.All,
        People: DemoPeopleData.All);

    private static IReadOnlyList<DemoPark> Parks =>
    [
        new("示范高新区", "619902", HasAssociation: true, "示范高新技术产业开发区"),
        // The 经开区 has no 科协 yet: the city's coverage survey presses (督办) it.
        new("示范经开区", "619903", HasAssociation: false, "示范经济技术开发区"),
    ];

    private static IReadOnlyList<DemoOrgUnit> CityDepartments =>
    [
        new("办公室", "General Office"),
        new("组织人事部", "Organisation and Personnel Department"),
        new("学会学术部", "Societies and Academic Affairs Department"),
        new("科学技术普及部", "Science Popularisation Department"),
        new("科技服务部", "Science and Technology Services Department"),
    ];

    private static IReadOnlyList<DemoOrgUnit> DirectUnits =>
    [
        new("示范市科技馆", "Shifan Science and Technology Museum"),
        new("示范市青少年科技中心", "Shifan Youth Science and Technology Centre"),
    ];

    private static IReadOnlyList<DemoSociety> Societies =>
    [
        new("示范市农学会", "市农学会", "210", true, ["水稻专业委员会", "园艺专业委员会", "植物保护专业委员会"], 684),
        new("示范市林学会", "市林学会", "220", true, ["森林保护专业委员会", "经济林专业委员会"], 412),
        new("示范市茶叶学会", "市茶叶学会", "210", true, ["茶叶加工专业委员会", "茶文化专业委员会"], 356),
        new("示范市蚕桑学会", "市蚕桑学会", "210", false, [], 138),
        new("示范市畜牧兽医学会", "市畜牧兽医学会", "230", true, ["动物防疫专业委员会"], 527),
        new("示范市医学会", "市医学会", "320", true, ["心血管病学分会", "儿科学分会", "全科医学分会"], 2364),
        new("示范市护理学会", "市护理学会", "320", true, ["急诊护理专业委员会"], 1852),
        new("示范市预防医学会", "市预防医学会", "330", false, [], 463),
        new("示范市药学会", "市药学会", "350", true, ["医院药学专业委员会"], 731),
        new("示范市中医药学会", "市中医药学会", "360", true, ["针灸专业委员会", "中药专业委员会"], 958),
        new("示范市中西医结合学会", "市中西医结合学会", "360", false, [], 376),
        new("示范市心理学会", "市心理学会", "190", false, [], 127),
        new("示范市气象学会", "市气象学会", "170", false, [], 118),
        new("示范市地理学会", "市地理学会", "170", false, [], 96),
        new("示范市水利学会", "市水利学会", "570", true, ["农田水利专业委员会"], 309),
        new("示范市土木建筑学会", "市土木建筑学会", "560", true, ["建筑结构专业委员会"], 433),
        new("示范市环境科学学会", "市环境科学学会", "610", false, [], 214),
        new("示范市计算机学会", "市计算机学会", "520", true, ["人工智能专业委员会", "网络安全专业委员会"], 542),
        new("示范市电子学会", "市电子学会", "510", false, [], 263),
        new("示范市机械工程学会", "市机械工程学会", "460", true, ["铸造分会", "智能制造分会"], 391),
        new("示范市电机工程学会", "市电机工程学会", "470", true, [], 288),
        new("示范市汽车工程学会", "市汽车工程学会", "580", false, [], 176),
        new("示范市航空学会", "市航空学会", "590", true, ["无人机专业委员会"], 152),
        new("示范市食品科学技术学会", "市食品学会", "550", false, [], 164),
        new("示范市科普作家协会", "市科普作协", "860", false, [], 86),
        new("示范市青少年科技教育协会", "市青少年科教协会", "880", true, ["科技辅导员专业委员会"], 612),
        new("示范市老科技工作者协会", "市老科协", "630", true, ["农业分会", "医疗卫生分会", "工业分会"], 1206),
        new("示范市自然辩证法研究会", "市自然辩证法研究会", "720", false, [], 71),
    ];

    private static IReadOnlyList<DemoUnit> Enterprises =>
    [
        // 示范高新区 (in 秦川区)
        new("示范航空装备有限公司", "619902", DemoUnitKind.Enterprise, true, "示范高新区"),
        new("秦川智能科技股份有限公司", "619902", DemoUnitKind.Enterprise, true, "示范高新区"),
        new("示范锂能科技有限公司", "619902", DemoUnitKind.Enterprise, true, "示范高新区"),
        new("华岳生物医药股份有限公司", "619902", DemoUnitKind.Enterprise, true, "示范高新区"),
        new("云汉数据科技有限公司", "619902", DemoUnitKind.Enterprise, false, "示范高新区"),
        new("明川光电材料有限公司", "619902", DemoUnitKind.Enterprise, false, "示范高新区"),
        // 示范经开区 (in 明德区)
        new("明德汽车零部件集团有限公司", "619903", DemoUnitKind.Enterprise, true, "示范经开区"),
        new("示范重工机械有限公司", "619903", DemoUnitKind.Enterprise, true, "示范经开区"),
        new("安达电气设备有限公司", "619903", DemoUnitKind.Enterprise, false, "示范经开区"),
        new("金桥新材料股份有限公司", "619903", DemoUnitKind.Enterprise, true, "示范经开区"),
        new("康源食品集团有限公司", "619903", DemoUnitKind.Enterprise, false, "示范经开区"),
        // In the counties
        new("示范城建集团有限公司", "619902", DemoUnitKind.Enterprise, false),
        new("丹溪药业股份有限公司", "619921", DemoUnitKind.Enterprise, true),
        new("丹溪建材有限公司", "619921", DemoUnitKind.Enterprise, false),
        new("秦川茶业集团有限公司", "619922", DemoUnitKind.Enterprise, true),
        new("云岭富硒茶业有限公司", "619922", DemoUnitKind.Enterprise, false),
        new("云岭菌业科技有限公司", "619922", DemoUnitKind.Enterprise, true),
        new("青峪粮油集团有限公司", "619923", DemoUnitKind.Enterprise, true),
        new("稻香种业有限公司", "619923", DemoUnitKind.Enterprise, true),
        new("柳塘丝绸有限公司", "619924", DemoUnitKind.Enterprise, true),
        new("柳塘牧业发展有限公司", "619924", DemoUnitKind.Enterprise, false),
        new("安澜动力电池有限公司", "619981", DemoUnitKind.Enterprise, true),
        new("安澜精密铸造有限公司", "619981", DemoUnitKind.Enterprise, false),
        new("安澜水电开发有限公司", "619981", DemoUnitKind.Enterprise, false),
        new("澜江电子科技有限公司", "619981", DemoUnitKind.Enterprise, true),
    ];

    private static IReadOnlyList<DemoUnit> Universities =>
    [
        new("示范理工学院", "619902", DemoUnitKind.University, true),
        new("示范医学高等专科学校", "619902", DemoUnitKind.University, true),
        new("示范职业技术学院", "619903", DemoUnitKind.University, true),
        new("示范农林职业学院", "619923", DemoUnitKind.University, false),
    ];

    private static IReadOnlyList<DemoUnit> Institutes =>
    [
        new("示范市农业科学研究院", "619902", DemoUnitKind.Institute, true),
        new("示范市水利水电勘测设计院", "619902", DemoUnitKind.Institute, false),
        new("示范市中医药研究所", "619921", DemoUnitKind.Institute, true),
        new("示范市林业科学研究所", "619922", DemoUnitKind.Institute, false),
    ];

    private static IReadOnlyList<DemoUnit> PublicInstitutions =>
    [
        new("示范市中心医院", "619902", DemoUnitKind.Hospital, false),
        new("示范市妇幼保健院", "619902", DemoUnitKind.Hospital, false),
        new("示范市疾病预防控制中心", "619902", DemoUnitKind.Hospital, false),
        new("秦川区人民医院", "619902", DemoUnitKind.Hospital, false),
        new("示范市中医医院", "619903", DemoUnitKind.Hospital, false),
        new("丹溪县人民医院", "619921", DemoUnitKind.Hospital, false),
        new("云岭县人民医院", "619922", DemoUnitKind.Hospital, false),
        new("青峪县中医医院", "619923", DemoUnitKind.Hospital, false),
        new("柳塘县人民医院", "619924", DemoUnitKind.Hospital, false),
        new("安澜市人民医院", "619981", DemoUnitKind.Hospital, false),
        new("示范市第一中学", "619902", DemoUnitKind.School, false),
        new("示范市实验小学", "619903", DemoUnitKind.School, false),
        new("丹溪县中学", "619921", DemoUnitKind.School, false),
        new("云岭县中学", "619922", DemoUnitKind.School, false),
        new("青峪县职业教育中心", "619923", DemoUnitKind.School, false),
        new("柳塘县实验学校", "619924", DemoUnitKind.School, false),
        new("安澜市第二中学", "619981", DemoUnitKind.School, false),
        new("示范市农业技术推广中心", "619902", DemoUnitKind.AgriStation, false),
        new("示范市畜牧兽医中心", "619902", DemoUnitKind.AgriStation, false),
        new("明德区农业技术推广站", "619903", DemoUnitKind.AgriStation, false),
        new("丹溪县农业技术推广中心", "619921", DemoUnitKind.AgriStation, false),
        new("云岭县茶业技术推广中心", "619922", DemoUnitKind.AgriStation, false),
        new("青峪县农业技术推广中心", "619923", DemoUnitKind.AgriStation, false),
        new("柳塘县蚕桑技术指导站", "619924", DemoUnitKind.AgriStation, false),
        new("安澜市农业技术推广中心", "619981", DemoUnitKind.AgriStation, false),
    ];

    private static IReadOnlyList<DemoRuralTechAssociation> RuralTechAssociations =>
    [
        new("明德区设施蔬菜专业技术协会", "619903", 86),
        new("丹溪县中药材种植协会", "619921", 142),
        new("云岭县食用菌协会", "619922", 118),
        new("云岭县茶叶产业协会", "619922", 203),
        new("青峪县水稻种植专业技术协会", "619923", 167),
        new("柳塘县蚕桑专业技术协会", "619924", 95),
        new("柳塘县生猪养殖技术协会", "619924", 74),
        new("安澜市猕猴桃产业技术协会", "619981", 131),
    ];

    private static IReadOnlyList<DemoMemberUnit> MemberUnits =>
    [
        new("市科协", "示范市科学技术协会"),
        new("市委组织部", "中共示范市委组织部"),
        new("市委宣传部", "中共示范市委宣传部"),
        new("市委网信办", "中共示范市委网络安全和信息化委员会办公室"),
        new("市发展改革委", "示范市发展和改革委员会"),
        new("市教育局", "示范市教育局"),
        new("市科技局", "示范市科学技术局"),
        new("市工信局", "示范市工业和信息化局"),
        new("市民政局", "示范市民政局"),
        new("市财政局", "示范市财政局"),
        new("市人社局", "示范市人力资源和社会保障局"),
        new("市自然资源局", "示范市自然资源局"),
        new("市生态环境局", "示范市生态环境局"),
        new("市住建局", "示范市住房和城乡建设局"),
        new("市水利局", "示范市水利局"),
        new("市农业农村局", "示范市农业农村局"),
        new("市林业局", "示范市林业局"),
        new("市文化和旅游局", "示范市文化和旅游局"),
        new("市卫健委", "示范市卫生健康委员会"),
        new("市应急管理局", "示范市应急管理局"),
        new("市市场监管局", "示范市市场监督管理局"),
        new("市统计局", "示范市统计局"),
        new("市气象局", "示范市气象局"),
        new("市地震局", "示范市地震局"),
        new("市广播电视台", "示范市广播电视台"),
        new("市总工会", "示范市总工会"),
        new("团市委", "共青团示范市委员会"),
        new("市妇联", "示范市妇女联合会"),
    ];
}
