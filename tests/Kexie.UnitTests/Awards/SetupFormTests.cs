using Kexie.Web.Modules.Awards.Domain;
using Kexie.Web.Modules.Awards.Features;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Awards;

public sealed class SetupFormTests
{
    [Fact]
    public void A_refused_save_shows_the_typed_rows_once_with_one_fresh_set_of_blank_rows()
    {
        // What the page offers: one configured field, round and tier, plus the blank rows for adding.
        var shown = SetupForm.From(new CallSetup
        {
            Name = "青年科技奖",
            Fields = [new FieldDef("title", "项目名称", FieldType.Text, true, null, 100)],
            Rounds = [new RoundDef("初评", new ScoringForm(ScoringMethod.Weighted, [new CriterionDef("a", "创新性", 1, 0, 100)], null), 5, 2)],
            Tiers = [new TierDef("一等奖", 3, null, null)],
        });
        var blankFields = shown.Fields.Count - 1;
        var blankTiers = shown.Tiers.Count - 1;
        var blankCriteria = shown.Rounds[0].Criteria.Count - 1;

        // The user types into one blank field row and marks the tier for removal; the save is refused; the form comes back.
        shown.Fields[1].Label = "推荐理由";
        shown.Tiers[0].Remove = true;
        var again = shown.ForRedisplay().ForRedisplay();

        again.Fields.Count(f => !string.IsNullOrEmpty(f.Label)).ShouldBe(2);
        again.Fields.Count(f => string.IsNullOrEmpty(f.Label)).ShouldBe(blankFields);
        again.Tiers.Count.ShouldBe(1 + blankTiers);
        again.Tiers[0].Remove.ShouldBeTrue();
        again.Rounds.Count(r => r.Name == "初评").ShouldBe(1);
        again.Rounds.Count(r => string.IsNullOrEmpty(r.Name)).ShouldBe(1);
        again.Rounds[0].Criteria.Count.ShouldBe(1 + blankCriteria);
        again.Quotas.Count.ShouldBe(1);
        again.ToSetup().Fields.Select(f => f.Label).ShouldBe(["项目名称", "推荐理由"]);
    }
}
