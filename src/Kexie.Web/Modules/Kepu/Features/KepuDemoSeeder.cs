using Kexie.Web.Modules.Kepu.Domain;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Demo;
using Kexie.Web.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Modules.Kepu.Features;

/// <summary>A year of campaigns and about 200 activities across 示范市, so that the portal and the statistics are alive.</summary>
internal sealed class KepuDemoSeeder : DemoSeeder.IModuleSeeder
{
    public int Order => 300;

    private static readonly (CampaignKind Kind, int M1, int D1, int M2, int D2, string Theme)[] Calendar =
    [
        (CampaignKind.SpringMonth, 3, 1, 3, 31, "科技创新 惠及万家"),
        (CampaignKind.DisasterPreventionDay, 5, 12, 5, 12, "人人讲安全、个个会应急"),
        (CampaignKind.TechWeek, 5, 17, 5, 24, "科技兴国 创新强市"),
        (CampaignKind.WorkersDay, 5, 30, 5, 30, "弘扬科学家精神"),
        (CampaignKind.FoodSafetyWeek, 6, 15, 6, 21, "尚俭崇信 守护阳光下的餐桌"),
        (CampaignKind.NationalScienceDay, 9, 15, 9, 21, "提升全民科学素质 共建科技强市"),
        (CampaignKind.InternationalDisasterReductionDay, 10, 13, 10, 13, "早预警 早行动"),
        (CampaignKind.AcademicAutumn, 9, 1, 11, 30, "学术引领 服务发展"),
    ];

    private static readonly Dictionary<ActivityType, string[]> Titles = new()
    {
        [ActivityType.Lecture] = ["健康生活科普讲座", "人工智能与生活专题讲座", "防范电信诈骗科普讲座", "老年人智能手机使用讲座", "科学育儿讲座"],
        [ActivityType.Exhibition] = ["科技成果展", "应急科普展览", "航天科普展", "科学家精神主题展"],
        [ActivityType.CaravanTour] = ["科普大篷车进乡村巡展", "科普大篷车校园行"],
        [ActivityType.ToVillages] = ["科技助农田间课堂", "果树修剪技术培训", "设施农业科技下乡", "绿色种养技术培训"],
        [ActivityType.ToCommunities] = ["社区科普大学开课", "社区应急演练与科普", "家庭节能科普进社区"],
        [ActivityType.ToSchools] = ["科学家进校园", "青少年科学调查体验", "校园科技节", "科普实验秀进课堂"],
        [ActivityType.ToAgencies] = ["领导干部科学素质讲座", "机关干部网络安全科普"],
        [ActivityType.Online] = ["专家讲科普线上直播", "科普短视频展播"],
        [ActivityType.Other] = ["科普志愿服务日"],
    };

    private static AudienceGroup AudienceFor(ActivityType t, Random rnd) => t switch
    {
        ActivityType.ToVillages => AudienceGroup.Farmers,
        ActivityType.ToSchools => AudienceGroup.Youth,
        ActivityType.ToAgencies => AudienceGroup.Officials,
        ActivityType.ToCommunities => rnd.Next(2) == 0 ? AudienceGroup.Elderly : AudienceGroup.General,
        _ => (AudienceGroup)rnd.Next(6),
    };

    public async Task SeedAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        var rnd = new Random(2026);
        var today = DateOnly.FromDateTime(db.UtcNow.AddHours(8));
        var year = today.Year;
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.IsActive)
            .Select(o => new { o.Id, o.Name, o.Type, o.RegionCode, o.ParentId }).ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var city = orgs.First(o => o.ParentId is null);
        var counties = orgs.Where(o => o.Type == OrganisationType.CountyAssociation).ToList();
        var organisers = orgs.Where(o => o.Type is OrganisationType.CityAssociation or OrganisationType.CountyAssociation or OrganisationType.TownAssociation
            or OrganisationType.Society or OrganisationType.UniversityAssociation or OrganisationType.EnterpriseAssociation or OrganisationType.DirectUnit
            or OrganisationType.ParkAssociation).ToList();

        var campaigns = new List<Campaign>();
        foreach (var c in Calendar)
        {
            var campaign = new Campaign
            {
                Kind = c.Kind,
                Year = year,
                Name = $"{year}年{c.Kind.Zh()}",
                Theme = c.Theme,
                StartDate = new DateOnly(year, c.M1, c.D1),
                EndDate = new DateOnly(year, c.M2, c.D2),
                Description = $"全市{c.Kind.Zh()}系列活动，市县镇村四级联动。",
            };
            campaign.Expected.AddRange(counties.Select(o => new CampaignExpectedOrganisation { CampaignId = campaign.Id, OrganisationId = o.Id }));
            campaign.Expected.Add(new CampaignExpectedOrganisation { CampaignId = campaign.Id, OrganisationId = city.Id });
            campaigns.Add(campaign);
        }
        db.AddRange(campaigns);

        var types = Enum.GetValues<ActivityType>();
        for (var i = 0; i < 210; i++)
        {
            var org = organisers[rnd.Next(organisers.Count)];
            var type = types[rnd.Next(types.Length)];
            Campaign? campaign = rnd.NextDouble() < 0.7 ? campaigns[rnd.Next(campaigns.Count)] : null;
            DateOnly start;
            if (campaign is not null)
                start = campaign.StartDate.AddDays(rnd.Next(campaign.EndDate.DayNumber - campaign.StartDate.DayNumber + 1));
            else
                start = new DateOnly(year, 1, 1).AddDays(rnd.Next(365));
            var end = type is ActivityType.Exhibition or ActivityType.CaravanTour ? start.AddDays(rnd.Next(0, 3)) : start;
            var regionCode = org.RegionCode.Length == 9 || org.Type == OrganisationType.CountyAssociation ? org.RegionCode : regions.Keys.Where(k => k.Length == 6 && k != org.RegionCode).ElementAt(rnd.Next(6));
            var regionName = regions.GetValueOrDefault(regionCode, "");
            var placeSuffix = type switch
            {
                ActivityType.ToSchools => "中心小学",
                ActivityType.ToVillages => "村民活动广场",
                ActivityType.ToCommunities => "社区党群服务中心",
                ActivityType.ToAgencies => "机关会议室",
                ActivityType.Online => "线上直播间",
                _ => "文化广场",
            };
            var titles = Titles[type];
            var a = new Activity
            {
                OrganisationId = org.Id,
                CampaignId = campaign?.Id,
                Title = $"{(campaign is null ? "" : campaign.Kind.Zh() + "·")}{titles[rnd.Next(titles.Length)]}",
                Type = type,
                Audience = AudienceFor(type, rnd),
                RegionCode = regionCode,
                Place = $"{regionName}{placeSuffix}",
                StartDate = start,
                EndDate = end,
                TimeNote = rnd.Next(2) == 0 ? "09:00—11:30" : "14:30—17:00",
                ExpectedParticipants = rnd.Next(3, 40) * 10,
                Contact = "科普部 0919-1234567",
                Description = "由专家现场讲解、互动体验，欢迎市民参加。",
            };
            var at = start.AddDays(-10).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
            if (start < today)
            {
                if (rnd.NextDouble() < 0.88)
                {
                    var actual = (int)(a.ExpectedParticipants * (0.7 + rnd.NextDouble() * 0.6));
                    a.SeedState(ActivityStatus.Completed, at, actual, rnd.Next(2, 30), "活动按计划开展，群众反响良好。");
                }
                else a.SeedState(ActivityStatus.Published, at);
            }
            else
            {
                var roll = rnd.NextDouble();
                a.Capacity = roll < 0.5 ? rnd.Next(3, 10) * 10 : null;
                if (roll < 0.8) a.SeedState(ActivityStatus.Published, at);
                else if (roll < 0.9) a.SeedState(ActivityStatus.Submitted, at);
                else { /* stays a draft */ }
            }
            db.Add(a);
        }

        // 科普阵地 with monthly visitors up to last month, and three caravan tours.
        var museum = orgs.FirstOrDefault(o => o.Name == "示范市科技馆") ?? city;
        var venues = new List<(Venue Venue, int Base)>
        {
            (new Venue { OrganisationId = museum.Id, Name = "示范市科技馆", Kind = VenueKind.ScienceMuseum, Level = VenueLevel.City, RegionCode = museum.RegionCode, Address = "示范市秦川区科技路1号", OpeningDays = "周二至周日 9:00—17:00", DesignatedOn = new DateOnly(2018, 6, 1) }, 4500),
        };
        var levels = new[] { VenueLevel.City, VenueLevel.Provincial, VenueLevel.National };
        foreach (var (county, n) in counties.Select((c, n) => (c, n)))
        {
            venues.Add((new Venue { OrganisationId = county.Id, Name = $"{county.Name.Replace("科协", "")}青少年科普教育基地", Kind = VenueKind.EducationBase, Level = levels[n % 3], RegionCode = county.RegionCode, OpeningDays = "周一至周五" }, 600 + 100 * n));
            var town = orgs.FirstOrDefault(o => o.ParentId == county.Id && o.Type == OrganisationType.TownAssociation);
            if (town is not null)
            {
                venues.Add((new Venue { OrganisationId = town.Id, Name = $"{town.Name.Replace("科协", "")}科普e站", Kind = VenueKind.EStation, Level = VenueLevel.County, RegionCode = town.RegionCode, OpeningDays = "每日开放" }, 150));
                venues.Add((new Venue { OrganisationId = town.Id, Name = $"{town.Name.Replace("科协", "")}科普示范村", Kind = VenueKind.DemoVillage, Level = VenueLevel.City, RegionCode = town.RegionCode }, 80));
            }
        }
        foreach (var (venue, baseVisitors) in venues)
        {
            db.Add(venue);
            for (var m = 1; m < today.Month; m++)
                db.Add(new VenueVisitorMonth { VenueId = venue.Id, Month = new DateOnly(year, m, 1), Visitors = (int)(baseVisitors * (0.6 + rnd.NextDouble() * 0.8)), OpenDays = venue.Kind == VenueKind.ScienceMuseum ? 20 + rnd.Next(6) : null });
        }
        var scienceDay = campaigns.First(c => c.Kind == CampaignKind.NationalScienceDay);
        foreach (var (county, n) in counties.Take(3).Select((c, n) => (c, n)))
        {
            var start = n == 0 ? scienceDay.StartDate : new DateOnly(year, 4 + 2 * n, 8);
            var tour = new CaravanTour
            {
                OrganisationId = county.Id,
                CampaignId = n == 0 ? scienceDay.Id : null,
                Name = $"{year}年{county.Name.Replace("科协", "")}科普大篷车巡展",
                StartDate = start,
                EndDate = start.AddDays(5),
            };
            var towns = orgs.Where(o => o.ParentId == county.Id && o.Type == OrganisationType.TownAssociation).Take(4).ToList();
            tour.Route = string.Join(" → ", towns.Select(t => t.Name.Replace("科协", "")));
            foreach (var (town, k) in towns.Select((t, k) => (t, k)))
                tour.Stops.Add(new CaravanStop { TourId = tour.Id, Date = start.AddDays(k), Place = $"{town.Name.Replace("科协", "")}中心小学", RegionCode = town.RegionCode, Attendance = 300 + rnd.Next(900) });
            if (start > today) tour.Stops.Clear();
            db.Add(tour);
        }
        await db.SaveChangesAsync(ct);
    }
}
