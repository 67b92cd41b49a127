namespace Kexie.Web.Platform.Demo;

/// <summary>
/// The 7 counties/districts of 示范市 and their towns and streets (GB/T 2260-style codes under the unused
/// prefix 6199; towns are the county code plus three digits). About 80% of towns have a 科协 so far.
/// </summary>
public static class DemoRegions
{
    /// <summary>Counties in code order: districts (区) 02–03, counties (县) 21–24, county-level city (市) 81.</summary>
    public static IReadOnlyList<DemoCounty> Counties { get; } =
    [
        new("619902", "秦川区", "Qinchuan District", "区",
        [
            new("619902001", "北关街道", IsStreet: true, HasAssociation: true),
            new("619902002", "南关街道", IsStreet: true, HasAssociation: true),
            new("619902003", "钟楼街道", IsStreet: true, HasAssociation: true),
            new("619902004", "东塔街道", IsStreet: true, HasAssociation: true),
            new("619902005", "西苑街道", IsStreet: true, HasAssociation: false),
            new("619902006", "龙首街道", IsStreet: true, HasAssociation: true),
            new("619902007", "柳林镇", IsStreet: false, HasAssociation: true),
            new("619902008", "石门镇", IsStreet: false, HasAssociation: true),
            new("619902009", "官庄镇", IsStreet: false, HasAssociation: false),
        ]),
        new("619903", "明德区", "Mingde District", "区",
        [
            new("619903001", "明德路街道", IsStreet: true, HasAssociation: true),
            new("619903002", "文汇街道", IsStreet: true, HasAssociation: true),
            new("619903003", "丰乐街道", IsStreet: true, HasAssociation: true),
            new("619903004", "新桥街道", IsStreet: true, HasAssociation: false),
            new("619903005", "锦屏街道", IsStreet: true, HasAssociation: true),
            new("619903006", "金沙镇", IsStreet: false, HasAssociation: true),
            new("619903007", "白马镇", IsStreet: false, HasAssociation: true),
            new("619903008", "杨家湾镇", IsStreet: false, HasAssociation: true),
        ]),
        new("619921", "丹溪县", "Danxi County", "县",
        [
            new("619921001", "城关镇", IsStreet: false, HasAssociation: true),
            new("619921002", "桃源镇", IsStreet: false, HasAssociation: true),
            new("619921003", "马坪镇", IsStreet: false, HasAssociation: true),
            new("619921004", "双河镇", IsStreet: false, HasAssociation: false),
            new("619921005", "五郎镇", IsStreet: false, HasAssociation: true),
            new("619921006", "槐树镇", IsStreet: false, HasAssociation: true),
            new("619921007", "黄沙镇", IsStreet: false, HasAssociation: false),
            new("619921008", "竹园镇", IsStreet: false, HasAssociation: true),
            new("619921009", "石桥镇", IsStreet: false, HasAssociation: true),
            new("619921010", "白云乡", IsStreet: false, HasAssociation: false),
            new("619921011", "新集镇", IsStreet: false, HasAssociation: true),
        ]),
        new("619922", "云岭县", "Yunling County", "县",
        [
            new("619922001", "云岭镇", IsStreet: false, HasAssociation: true),
            new("619922002", "茶坪镇", IsStreet: false, HasAssociation: true),
            new("619922003", "高滩镇", IsStreet: false, HasAssociation: true),
            new("619922004", "铁佛镇", IsStreet: false, HasAssociation: false),
            new("619922005", "松坪镇", IsStreet: false, HasAssociation: true),
            new("619922006", "青山镇", IsStreet: false, HasAssociation: true),
            new("619922007", "望仙镇", IsStreet: false, HasAssociation: true),
            new("619922008", "红岩镇", IsStreet: false, HasAssociation: false),
            new("619922009", "大河坝镇", IsStreet: false, HasAssociation: true),
            new("619922010", "紫荆乡", IsStreet: false, HasAssociation: false),
        ]),
        new("619923", "青峪县", "Qingyu County", "县",
        [
            new("619923001", "青峪镇", IsStreet: false, HasAssociation: true),
            new("619923002", "稻香镇", IsStreet: false, HasAssociation: true),
            new("619923003", "龙泉镇", IsStreet: false, HasAssociation: true),
            new("619923004", "永宁镇", IsStreet: false, HasAssociation: true),
            new("619923005", "安乐镇", IsStreet: false, HasAssociation: false),
            new("619923006", "梨园镇", IsStreet: false, HasAssociation: true),
            new("619923007", "长岭镇", IsStreet: false, HasAssociation: true),
            new("619923008", "沙河镇", IsStreet: false, HasAssociation: true),
            new("619923009", "凤鸣乡", IsStreet: false, HasAssociation: false),
        ]),
        new("619924", "柳塘县", "Liutang County", "县",
        [
            new("619924001", "柳塘镇", IsStreet: false, HasAssociation: true),
            new("619924002", "桑园镇", IsStreet: false, HasAssociation: true),
            new("619924003", "蔡家坝镇", IsStreet: false, HasAssociation: true),
            new("619924004", "金池镇", IsStreet: false, HasAssociation: false),
            new("619924005", "古渡镇", IsStreet: false, HasAssociation: true),
            new("619924006", "东岳镇", IsStreet: false, HasAssociation: true),
            new("619924007", "草坪镇", IsStreet: false, HasAssociation: true),
            new("619924008", "鹿鸣乡", IsStreet: false, HasAssociation: false),
        ]),
        new("619981", "安澜市", "Anlan City", "市",
        [
            new("619981001", "澜江街道", IsStreet: true, HasAssociation: true),
            new("619981002", "安平街道", IsStreet: true, HasAssociation: true),
            new("619981003", "城北街道", IsStreet: true, HasAssociation: true),
            new("619981004", "兴业街道", IsStreet: true, HasAssociation: true),
            new("619981005", "平川镇", IsStreet: false, HasAssociation: true),
            new("619981006", "瓦窑镇", IsStreet: false, HasAssociation: true),
            new("619981007", "高桥镇", IsStreet: false, HasAssociation: false),
            new("619981008", "三岔镇", IsStreet: false, HasAssociation: true),
            new("619981009", "清水镇", IsStreet: false, HasAssociation: true),
            new("619981010", "广福镇", IsStreet: false, HasAssociation: true),
        ]),
    ];
}
