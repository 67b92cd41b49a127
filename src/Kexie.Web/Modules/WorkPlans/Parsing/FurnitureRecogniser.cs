using System.Text.RegularExpressions;

namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>
/// Recognises page furniture that can be told from a single line: page numbers, 附件 marks, dates,
/// document numbers, stray symbols and publication notes. Running headers and signatures need the
/// whole document and are found by the parser.
/// </summary>
public static partial class FurnitureRecogniser
{
    /// <summary>Symbols that decorate lines in pasted documents and carry no content.</summary>
    public const string StraySymbols = "■□●○◆◇※★☆▲△▼▽◎•·¤§→⇒☞✔✓√❖◥◤▌▍▎▏";

    /// <summary>The kind of furniture a whole (trimmed) line is, or null when it is content.</summary>
    public static FurnitureKind? Classify(string line)
    {
        var t = line.Trim();
        if (t.Length == 0)
        {
            return null;
        }

        if (IsOnlySymbols(t))
        {
            return FurnitureKind.Symbol;
        }

        if (PageNumberPattern().IsMatch(t))
        {
            return FurnitureKind.PageNumber;
        }

        if (AttachmentPattern().IsMatch(t))
        {
            return FurnitureKind.AttachmentMark;
        }

        if (DatePattern().IsMatch(t))
        {
            return FurnitureKind.Date;
        }

        if (DocumentNumberPattern().IsMatch(t))
        {
            return FurnitureKind.DocumentNumber;
        }

        if (MastheadPattern().IsMatch(t))
        {
            return FurnitureKind.RunningHeader;
        }

        if (NoticePattern().IsMatch(t))
        {
            return FurnitureKind.Notice;
        }

        return DistributionPattern().IsMatch(t) ? FurnitureKind.Signature : null;
    }

    /// <summary>Number of stray symbols (and spaces after them) at the start of <paramref name="line"/>.</summary>
    public static int LeadingSymbolLength(string line, int start, int end)
    {
        var i = start;
        while (i < end && (StraySymbols.Contains(line[i], StringComparison.Ordinal) || (i > start && line[i] == ' ')))
        {
            i++;
        }

        // Only spaces after at least one symbol count.
        while (i > start && line[i - 1] == ' ')
        {
            i--;
        }

        return i - start;
    }

    /// <summary>True for a short line that names an organisation and nothing else (a signature).</summary>
    public static bool LooksLikeSignature(string line)
    {
        var t = line.Trim();
        return t.Length is >= 2 and <= 40 && SignaturePattern().IsMatch(t);
    }

    private static bool IsOnlySymbols(string t)
    {
        foreach (var c in t)
        {
            if (!StraySymbols.Contains(c, StringComparison.Ordinal) && c is not (' ' or '*' or '#' or '=' or '_' or '~' or '-' or '—' or '…' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^(?:[-—–－_~·\s]*\d{1,3}[-—–－_~·\s]*|[-—–－\s]*第\s*\d{1,3}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,3}\s*页)?[-—–－\s]*|\d{1,3}\s*[/／]\s*\d{1,3}|(?:Page|PAGE|page)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?)$")]
    private static partial Regex PageNumberPattern();

    [GeneratedRegex(@"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")]
    private static partial Regex AttachmentPattern();

    [GeneratedRegex(@"^[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[）)]?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[\u4e00-\u9fff]{1,10}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号$")]
    private static partial Regex DocumentNumberPattern();

    [GeneratedRegex(@"^[\u4e00-\u9fff（）()]{2,30}(?:文件|简报|工作动态|便函)$")]
    private static partial Regex MastheadPattern();

    [GeneratedRegex(@"^[（(]\s*此件[^）)]{0,12}[）)]$|^[（(]\s*(?:主动|依申请|不予)公开\s*[）)]$")]
    private static partial Regex NoticePattern();

    [GeneratedRegex(@"^(?:抄\s*送|抄\s*报)\s*[:：]|印\s*发\s*$|^(?:打印|校对|核稿)\s*[:：]")]
    private static partial Regex DistributionPattern();

    [GeneratedRegex(@"^(?:中共)?[\u4e00-\u9fff（）()]{2,30}?(?:科学技术协会|科协|委员会|办公室|领导小组|协会|学会|党组|人民政府|局)(?:\s*(?:办公室|党组))?$")]
    private static partial Regex SignaturePattern();
}
