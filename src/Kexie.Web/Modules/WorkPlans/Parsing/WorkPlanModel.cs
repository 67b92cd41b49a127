using System.Text.Json.Serialization;

namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>What a pasted document is: a plan (工作要点), a review (工作回顾/综述/总结), or a review part followed by a plan part.</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum WorkPlanDocumentKind
{
    Plan,
    Review,
    ReviewAndPlan,
}

/// <summary>Whether a part (and every item in it) states what will be done (Plan) or what was done (Review).</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum WorkPlanPartKind
{
    Plan,
    Review,
}

/// <summary>How a quantity is bounded: "50次以上" is AtLeast, "30—50所" is Range, "5万余人次" is Approx.</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum QuantityBound
{
    Exact,
    AtLeast,
    AtMost,
    Range,
    Approx,
}

/// <summary>Kinds of page furniture recognised and set aside rather than parsed as content.</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum FurnitureKind
{
    /// <summary>"— 3 —", "- 3 -", "第 2 页", "2/5".</summary>
    PageNumber,
    /// <summary>A short line repeated on several pages (usually the title or the issuer), or the issuer's masthead ("XX科协文件").</summary>
    RunningHeader,
    /// <summary>"附件", "附件1".</summary>
    AttachmentMark,
    /// <summary>A date on a line of its own ("2022年3月1日").</summary>
    Date,
    /// <summary>The issuer's name on a line of its own at the end, and "抄送/印发" lines.</summary>
    Signature,
    /// <summary>A document number such as "汉科协发〔2022〕5号".</summary>
    DocumentNumber,
    /// <summary>Stray symbols (■●◆※…) on their own or in front of a line.</summary>
    Symbol,
    /// <summary>Publication notes such as "（此件公开发布）".</summary>
    Notice,
}

/// <summary>A piece of the input with its position in <see cref="ParsedWorkPlan.OriginalText"/>.</summary>
/// <param name="Text">The piece as parsed (simplified characters, half-width digits, wrapped lines joined).</param>
/// <param name="Start">Offset of the first character in the original text.</param>
/// <param name="Length">Length of the covered range in the original text.</param>
public sealed record TextFragment(string Text, int Start, int Length);

/// <summary>A piece of page furniture, kept so that nothing of the input is silently dropped.</summary>
public sealed record FurnitureFragment(FurnitureKind Kind, string Text, int Start, int Length);

/// <summary>
/// A counted quantity found in a sentence. In plan parts it is a target ("新建院士专家工作站5家"),
/// in review parts a reported figure ("参观人数5万余人次").
/// </summary>
/// <param name="Value">The number, with 万/亿 applied ("5万" is 50000); the lower end of a range.</param>
/// <param name="UpperValue">The upper end of a range ("30—50所" gives 50), otherwise null.</param>
/// <param name="Bound">How the number bounds the quantity.</param>
/// <param name="Unit">The measure word or unit as written (家, 项, 人次, 万元, %, 个百分点 …); 万元 and 亿元 are units, not multipliers.</param>
/// <param name="Subject">What is counted ("院士专家工作站"); may be empty when the sentence does not say.</param>
/// <param name="Verb">The action verb in front of it ("新建"), when there is one.</param>
/// <param name="Text">The quantity phrase itself ("5万余人次", "30—50所").</param>
/// <param name="Sentence">The sentence the quantity was found in.</param>
/// <param name="Start">Offset of <paramref name="Text"/> in the original text.</param>
/// <param name="Length">Length of <paramref name="Text"/> in the original text.</param>
public sealed record ExtractedQuantity(
    decimal Value,
    decimal? UpperValue,
    QuantityBound Bound,
    string Unit,
    string Subject,
    string? Verb,
    string Text,
    string Sentence,
    int Start,
    int Length);

/// <summary>
/// One item of a part. Items are flattened: nesting is expressed by <see cref="Path"/> and <see cref="Level"/>,
/// and a parent always comes before its children in <see cref="WorkPlanPart.Items"/>.
/// A sub-section "（一）加强科普阵地建设" is an item of level 1 with path "3.1"; its numbered items "1." are level 2
/// with paths "3.1.1", "3.1.2"; "一是…二是…" enumerations inside a paragraph become children of that paragraph's item.
/// </summary>
/// <param name="Path">Dot-separated position: part number, then the 1-based position at each level ("2.1.3").</param>
/// <param name="Level">1 for items directly under the part, 2 for their children, and so on.</param>
/// <param name="Label">The numbering as written ("1.", "（一）", "一是"), or null for an unnumbered paragraph.</param>
/// <param name="Number">The numeric value of the label (（三）is 3), or null.</param>
/// <param name="Kind">Plan for tasks, Review for paragraphs of a review part (never tasks).</param>
/// <param name="Title">The first sentence without its label and trailing 。/：/；, or the whole heading line.</param>
/// <param name="HasShortTitle">True when the title reads as a heading (short first sentence or a heading line), false when it is just the opening of a long paragraph.</param>
/// <param name="Body">The rest of the item after the title sentence.</param>
/// <param name="Text">The whole item text as parsed (paragraphs joined by a line feed).</param>
/// <param name="Start">Offset of the item in the original text.</param>
/// <param name="Length">Length of the covered range in the original text (may include page furniture that interrupts it).</param>
/// <param name="ResponsibleUnits">Units from "责任单位/牵头单位/责任部门…"; children inherit their parent's when they name none.</param>
/// <param name="SupportingUnits">Units from "配合单位/协办单位/参与单位…".</param>
/// <param name="Targets">Quantitative targets (plan items only).</param>
/// <param name="Figures">Reported figures (review items only).</param>
public sealed record WorkPlanItem(
    string Path,
    int Level,
    string? Label,
    int? Number,
    WorkPlanPartKind Kind,
    string Title,
    bool HasShortTitle,
    string Body,
    string Text,
    int Start,
    int Length,
    IReadOnlyList<string> ResponsibleUnits,
    IReadOnlyList<string> SupportingUnits,
    IReadOnlyList<ExtractedQuantity> Targets,
    IReadOnlyList<ExtractedQuantity> Figures);

/// <summary>A top-level part ("一、…", "第一部分 …", "一．…").</summary>
/// <param name="Index">1-based position of the part in the document.</param>
/// <param name="Label">The numbering as written ("一、", "第二部分"), or null for the implicit part of a document without parts.</param>
/// <param name="Number">The numeric value of the label, or null.</param>
/// <param name="Title">The heading without its label.</param>
/// <param name="Kind">Plan or Review.</param>
/// <param name="Start">Offset of the heading in the original text.</param>
/// <param name="Length">Length of the heading in the original text.</param>
/// <param name="Items">The items in document order, flattened (see <see cref="WorkPlanItem"/>).</param>
public sealed record WorkPlanPart(
    int Index,
    string? Label,
    int? Number,
    string Title,
    WorkPlanPartKind Kind,
    int Start,
    int Length,
    IReadOnlyList<WorkPlanItem> Items);

/// <summary>The structure read from a pasted 工作要点 or 工作回顾, for staff to review and correct.</summary>
/// <param name="Title">The document title, e.g. "汉中市科学技术协会2022年工作要点" (empty when none was found).</param>
/// <param name="TitleStart">Offset of the title in the original text (-1 when none).</param>
/// <param name="TitleLength">Length of the title range in the original text.</param>
/// <param name="Year">The (latest) year named in the title, else the first year of the preamble.</param>
/// <param name="Organisation">The issuing association ("汉中市科学技术协会"), from the title or the signature.</param>
/// <param name="Kind">Plan, Review, or ReviewAndPlan.</param>
/// <param name="ConvertedFromTraditional">True when the input was in traditional characters and was converted for parsing.</param>
/// <param name="Preamble">The text between the title and the first part (总体思路/总体要求), paragraphs joined by a line feed.</param>
/// <param name="PreambleParagraphs">The preamble paragraphs with their positions.</param>
/// <param name="PreambleFigures">Quantities stated in the preamble; they are context, never targets.</param>
/// <param name="Parts">The parts in order.</param>
/// <param name="Furniture">Page furniture that was recognised and set aside.</param>
/// <param name="Unplaced">Text that could not be placed anywhere else; nothing is dropped silently.</param>
/// <param name="OriginalText">The input, verbatim.</param>
public sealed record ParsedWorkPlan(
    string Title,
    int TitleStart,
    int TitleLength,
    int? Year,
    string? Organisation,
    WorkPlanDocumentKind Kind,
    bool ConvertedFromTraditional,
    string Preamble,
    IReadOnlyList<TextFragment> PreambleParagraphs,
    IReadOnlyList<ExtractedQuantity> PreambleFigures,
    IReadOnlyList<WorkPlanPart> Parts,
    IReadOnlyList<FurnitureFragment> Furniture,
    IReadOnlyList<TextFragment> Unplaced,
    string OriginalText);
