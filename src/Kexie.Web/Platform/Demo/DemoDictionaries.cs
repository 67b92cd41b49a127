namespace Kexie.Web.Platform.Demo;

/// <summary>
/// The national code lists the platform's dictionaries are seeded from. These are real standards,
/// not demo inventions: GB/T 13745-2009 (学科), GB/T 4754-2017 (行业门类), GB/T 4762 (政治面貌),
/// GB/T 4658 (学历, grouped as the 科协 forms ask for it) and the usual 职称 levels.
/// </summary>
public static class DemoDictionaries
{
    /// <summary>GB/T 13745-2009 学科分类与代码: all 62 first-level disciplines (一级学科).</summary>
    public static IReadOnlyList<DemoDictionaryItem> Disciplines { get; } =
    [
        new("110", "数学", "Mathematics"),
        new("120", "信息科学与系统科学", "Information Science and Systems Science"),
        new("130", "力学", "Mechanics"),
        new("140", "物理学", "Physics"),
        new("150", "化学", "Chemistry"),
        new("160", "天文学", "Astronomy"),
        new("170", "地球科学", "Earth Sciences"),
        new("180", "生物学", "Biology"),
        new("190", "心理学", "Psychology"),
        new("210", "农学", "Agronomy"),
        new("220", "林学", "Forestry"),
        new("230", "畜牧、兽医科学", "Animal Husbandry and Veterinary Science"),
        new("240", "水产学", "Fishery Science"),
        new("310", "基础医学", "Basic Medicine"),
        new("320", "临床医学", "Clinical Medicine"),
        new("330", "预防医学与公共卫生学", "Preventive Medicine and Public Health"),
        new("340", "军事医学与特种医学", "Military and Special Medicine"),
        new("350", "药学", "Pharmacy"),
        new("360", "中医学与中药学", "Traditional Chinese Medicine and Chinese Materia Medica"),
        new("410", "工程与技术科学基础学科", "Basic Disciplines of Engineering and Technology"),
        new("413", "信息与系统科学相关工程与技术", "Engineering and Technology Related to Information and Systems Science"),
        new("416", "自然科学相关工程与技术", "Engineering and Technology Related to Natural Sciences"),
        new("420", "测绘科学技术", "Surveying and Mapping"),
        new("430", "材料科学", "Materials Science"),
        new("440", "矿山工程技术", "Mining Engineering"),
        new("450", "冶金工程技术", "Metallurgical Engineering"),
        new("460", "机械工程", "Mechanical Engineering"),
        new("470", "动力与电气工程", "Power and Electrical Engineering"),
        new("480", "能源科学技术", "Energy Science and Technology"),
        new("490", "核科学技术", "Nuclear Science and Technology"),
        new("510", "电子与通信技术", "Electronics and Communication Technology"),
        new("520", "计算机科学技术", "Computer Science and Technology"),
        new("530", "化学工程", "Chemical Engineering"),
        new("535", "产品应用相关工程与技术", "Engineering and Technology Related to Product Applications"),
        new("540", "纺织科学技术", "Textile Science and Technology"),
        new("550", "食品科学技术", "Food Science and Technology"),
        new("560", "土木建筑工程", "Civil Engineering and Architecture"),
        new("570", "水利工程", "Hydraulic Engineering"),
        new("580", "交通运输工程", "Transportation Engineering"),
        new("590", "航空、航天科学技术", "Aeronautics and Astronautics"),
        new("610", "环境科学技术及资源科学技术", "Environmental and Resource Science and Technology"),
        new("620", "安全科学技术", "Safety Science and Technology"),
        new("630", "管理学", "Management Science"),
        new("710", "马克思主义", "Marxism"),
        new("720", "哲学", "Philosophy"),
        new("730", "宗教学", "Religious Studies"),
        new("740", "语言学", "Linguistics"),
        new("750", "文学", "Literature"),
        new("760", "艺术学", "Art Studies"),
        new("770", "历史学", "History"),
        new("780", "考古学", "Archaeology"),
        new("790", "经济学", "Economics"),
        new("810", "政治学", "Political Science"),
        new("820", "法学", "Law"),
        new("830", "军事学", "Military Science"),
        new("840", "社会学", "Sociology"),
        new("850", "民族学与文化学", "Ethnology and Cultural Studies"),
        new("860", "新闻学与传播学", "Journalism and Communication"),
        new("870", "图书馆、情报与文献学", "Library, Information and Documentation Science"),
        new("880", "教育学", "Education"),
        new("890", "体育科学", "Sports Science"),
        new("910", "统计学", "Statistics"),
    ];

    /// <summary>GB/T 4754-2017 国民经济行业分类: the 20 sections (门类) A–T.</summary>
    public static IReadOnlyList<DemoDictionaryItem> Industries { get; } =
    [
        new("A", "农、林、牧、渔业", "Agriculture, Forestry, Animal Husbandry and Fishery"),
        new("B", "采矿业", "Mining"),
        new("C", "制造业", "Manufacturing"),
        new("D", "电力、热力、燃气及水生产和供应业", "Production and Supply of Electricity, Heat, Gas and Water"),
        new("E", "建筑业", "Construction"),
        new("F", "批发和零售业", "Wholesale and Retail Trade"),
        new("G", "交通运输、仓储和邮政业", "Transport, Storage and Postal Services"),
        new("H", "住宿和餐饮业", "Accommodation and Catering"),
        new("I", "信息传输、软件和信息技术服务业", "Information Transmission, Software and Information Technology Services"),
        new("J", "金融业", "Finance"),
        new("K", "房地产业", "Real Estate"),
        new("L", "租赁和商务服务业", "Leasing and Business Services"),
        new("M", "科学研究和技术服务业", "Scientific Research and Technical Services"),
        new("N", "水利、环境和公共设施管理业", "Water Conservancy, Environment and Public Facilities Management"),
        new("O", "居民服务、修理和其他服务业", "Resident Services, Repair and Other Services"),
        new("P", "教育", "Education"),
        new("Q", "卫生和社会工作", "Health and Social Work"),
        new("R", "文化、体育和娱乐业", "Culture, Sports and Entertainment"),
        new("S", "公共管理、社会保障和社会组织", "Public Administration, Social Security and Social Organisations"),
        new("T", "国际组织", "International Organisations"),
    ];

    /// <summary>职称 levels.</summary>
    public static IReadOnlyList<DemoDictionaryItem> Titles { get; } =
    [
        new("1", "正高级", "Senior (full)"),
        new("2", "副高级", "Senior (associate)"),
        new("3", "中级", "Intermediate"),
        new("4", "初级", "Junior"),
        new("9", "其他", "Other"),
    ];

    /// <summary>学历, coded after GB/T 4658.</summary>
    public static IReadOnlyList<DemoDictionaryItem> Educations { get; } =
    [
        new("11", "博士研究生", "Doctorate"),
        new("14", "硕士研究生", "Master's degree"),
        new("21", "大学本科", "Bachelor's degree"),
        new("31", "大学专科", "Junior college"),
        new("41", "中专/高中", "Secondary vocational / senior high school"),
        new("90", "其他", "Other"),
    ];

    /// <summary>政治面貌, coded after GB/T 4762, with the usual short names.</summary>
    public static IReadOnlyList<DemoDictionaryItem> PoliticalStatuses { get; } =
    [
        new("01", "中共党员", "Member of the Communist Party of China"),
        new("02", "中共预备党员", "Probationary member of the Communist Party of China"),
        new("03", "共青团员", "Member of the Communist Youth League"),
        new("04", "民革党员", "Member of the Revolutionary Committee of the Chinese Kuomintang"),
        new("05", "民盟盟员", "Member of the China Democratic League"),
        new("06", "民建会员", "Member of the China National Democratic Construction Association"),
        new("07", "民进会员", "Member of the China Association for Promoting Democracy"),
        new("08", "农工党党员", "Member of the Chinese Peasants' and Workers' Democratic Party"),
        new("09", "致公党党员", "Member of the China Zhi Gong Party"),
        new("10", "九三学社社员", "Member of the Jiusan Society"),
        new("11", "台盟盟员", "Member of the Taiwan Democratic Self-Government League"),
        new("12", "无党派人士", "Non-party personage"),
        new("13", "群众", "Ordinary citizen"),
    ];
}

/// <summary>The platform's role names, exactly as the app defines them.</summary>
public static class DemoRoles
{
    public const string SystemAdmin = "系统管理员";
    public const string CityAdmin = "市科协管理员";
    public const string CityStaff = "市科协业务人员";
    public const string CountyAdmin = "县区科协管理员";
    public const string Liaison = "基层组织/学会联络员";
    public const string Expert = "专家";
    public const string Public = "公众用户";

    /// <summary>All seven roles.</summary>
    public static IReadOnlyList<string> All { get; } =
        [SystemAdmin, CityAdmin, CityStaff, CountyAdmin, Liaison, Expert, Public];
}
