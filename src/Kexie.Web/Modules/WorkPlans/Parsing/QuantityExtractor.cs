using System.Globalization;
using System.Text.RegularExpressions;

namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>
/// Finds counted quantities in plan and review sentences: "新建院士专家工作站5家", "实施5项科普服务重点工程",
/// "全年开展各类科普体验活动50次以上", "重点扶持30—50所精品社区科普大学", "参观人数5万余人次".
/// </summary>
/// <remarks>
/// Precision comes first. A number counts only when a unit follows it and the sentence has one of two shapes:
/// the number closes its clause after the thing counted ("…工作站5家", "…活动50次以上"), or an action verb
/// stands right before it and the thing counted follows ("实施5项…工程"). Years, dates, ordinals (第三十届),
/// top-N (前三名), slogans (四个意识, 两个维护: no action verb), anything inside quotes or 《》, "1+N", and
/// numbers followed by 年/月/日/届/批/大 are never quantities.
/// </remarks>
public static partial class QuantityExtractor
{
    /// <summary>Units recognised after a number, longest first where one is a prefix of another.</summary>
    public static readonly IReadOnlyList<string> Units =
    [
        "个百分点", "百分点", "万元", "亿元", "人次", "场次", "家次", "户次", "批次", "课时", "学时", "平方米",
        "个", "家", "次", "场", "人", "名", "位", "所", "项", "篇", "期", "支", "户", "座", "处", "部",
        "套", "册", "份", "件", "台", "条", "门", "节", "堂", "本", "幅", "集", "元", "亩", "间", "%",
    ];

    private static readonly string[] AtLeastPrefixes = ["不少于", "不低于", "至少", "超过", "多于", "高于", "突破", "逾"];
    private static readonly string[] AtMostPrefixes = ["不超过", "不高于", "不多于", "控制在", "低于", "少于"];
    private static readonly string[] ApproxPrefixes = ["大约", "约", "近"];
    private static readonly string[] ReachPrefixes = ["达到", "达", "提高到", "提升到", "增加到", "增长到", "稳定在"];
    private static readonly string[] Suffixes = ["以上", "之上", "以下", "以内", "之内", "左右", "余", "多"];

    // Verbs that may be searched for anywhere in front of the counted thing.
    private static readonly string[] StrongVerbs =
    [
        "新建", "建成", "创建", "创办", "开展", "举办", "承办", "实施", "培育", "扶持", "打造", "认定", "命名",
        "推荐", "评选", "新增", "完成", "吸纳", "发放", "编印", "印发", "编写", "制作", "征集", "招募", "引进",
        "举荐", "申报", "资助", "接待", "惠及", "注册", "建立", "成立", "设立", "组建", "召开", "出版", "发表",
        "发布", "推送", "开设", "投入", "筹集", "选派", "走访", "慰问", "带动", "吸引", "获得", "共有", "拥有",
        "动员", "选拔", "授牌", "立项", "参加", "举行", "遴选", "帮扶", "收集", "撰写", "报送", "入选", "获评",
        "获批", "挂牌", "培养", "聘请", "邀请", "创作", "评出", "选树", "宣讲", "签约", "签订", "表彰奖励",
        "命名表彰", "发展会员",
    ];

    // Verbs that also live inside nouns (科普服务站, 培训班, 科协组织); only taken at the start of a clause.
    private static readonly string[] WeakVerbs =
    [
        "建设", "发展", "服务", "支持", "提升", "提高", "推广", "组织", "考核", "联系", "培训", "表彰", "奖励",
        "评审", "巡展", "参与", "指导", "展出", "形成", "解决", "增加", "增长", "转化", "落地", "评定", "组团", "覆盖",
    ];

    // Words stripped from the front of a counted thing ("各类科普活动" is "科普活动").
    private static readonly string[] StartFillers =
    [
        "其中", "各类", "各种", "各级", "各项", "全年", "全市", "全县", "全区", "全省", "共计", "累计", "总计", "合计",
        "共", "了", "等", "再", "力争", "争取", "确保", "重点", "每年", "年均", "年内", "今年", "当年",
        "积极", "大力", "继续", "持续", "深入", "广泛", "认真", "成功", "先后", "陆续", "已", "还", "和", "及", "与", "以及", "并",
    ];

    // Words stripped from the end of the text in front of a number ("全年共举办" ends with the verb 举办).
    private static readonly string[] EndFillers =
    [
        "共计", "累计", "总计", "合计", "共", "等", "再", "力争", "争取", "确保", "重点", "全年", "每年", "年均", "年内",
        "已", "和", "及", "与", "以及", "并", "先后", "陆续", "成功",
    ];

    // Verbs of change whose object is in front of them ("比例提高2个百分点").
    private static readonly string[] ChangeVerbs = ["提高", "提升", "增长", "增加", "下降", "减少", "降低"];

    private static readonly string[] VerbsLongestFirst = [.. StrongVerbs.Concat(WeakVerbs).OrderByDescending(v => v.Length)];

    private static readonly string[] SubjectCutWords =
    [
        "深入", "进行", "参加", "参与", "开展", "走进", "前往", "组成", "赴", "到", "等", "和", "及", "为", "对", "在", "进入", "覆盖",
    ];

    private const string ClauseBreaks = "，。；：！？,;:!?\n";
    private const string SentenceBreaks = "。！？!?\n";

    private static readonly char[] SubjectPunctuation = ['、', '，', ',', '（', '(', ' ', '：', ':', '；', ';'];

    /// <summary>Extracts quantities from <paramref name="text"/>; offsets are positions in that text.</summary>
    public static IReadOnlyList<ExtractedQuantity> Extract(string text) => Extract(text, null);

    /// <summary>Extracts quantities; <paramref name="offsetMap"/> maps each character of the text to the original offset.</summary>
    internal static IReadOnlyList<ExtractedQuantity> Extract(string text, IReadOnlyList<int>? offsetMap)
    {
        var result = new List<ExtractedQuantity>();
        var quoted = QuotedMask(text);
        Found? previous = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsNumberStart(text, i))
            {
                i++;
                continue;
            }

            var found = TryRead(text, i, quoted, previous);
            if (found is null)
            {
                i = SkipNumber(text, i);
                continue;
            }

            var start = found.PhraseStart;
            var end = found.PhraseEnd;
            int originalStart = offsetMap is null ? start : offsetMap[start];
            int originalEnd = offsetMap is null ? end : offsetMap[end - 1] + 1;
            result.Add(new ExtractedQuantity(
                found.Value,
                found.Upper,
                found.Bound,
                found.Unit,
                found.Subject,
                found.Verb,
                text[start..end],
                SentenceAround(text, start),
                originalStart,
                originalEnd - originalStart));
            previous = found;
            i = Math.Max(end, found.SubjectEnd);
        }

        return result;
    }

    private sealed record Found(
        decimal Value, decimal? Upper, QuantityBound Bound, string Unit, string Subject, string BaseSubject, string? Verb,
        int PhraseStart, int PhraseEnd, int SubjectEnd, int SentenceStart, bool VerbBefore);

    private static bool IsNumberStart(string text, int i)
    {
        var c = text[i];
        if (!char.IsAsciiDigit(c) && !ChineseNumerals.IsNumeralChar(c))
        {
            return false;
        }

        if (i == 0)
        {
            return true;
        }

        var p = text[i - 1];
        return !char.IsAsciiDigit(p) && !ChineseNumerals.IsNumeralChar(p) && !char.IsAsciiLetter(p) && p is not ('.' or '+' or '-' or '/');
    }

    private static int SkipNumber(string text, int i)
    {
        var j = i + 1;
        while (j < text.Length && (char.IsAsciiDigit(text[j]) || ChineseNumerals.IsNumeralChar(text[j]) || text[j] == '.'))
        {
            j++;
        }

        return j;
    }

    private readonly record struct NumberRead(decimal Value, int End, bool Approx, bool Chinese, decimal Multiplier);

    /// <summary>Reads "5", "10.2万", "10多万", "五万", "4000余", "三十"; the unit 万元/亿元 is left unread.</summary>
    private static NumberRead? ReadNumber(string text, int i)
    {
        var j = i;
        decimal value;
        var chinese = false;
        if (char.IsAsciiDigit(text[j]))
        {
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            if (j + 1 < text.Length && text[j] == '.' && char.IsAsciiDigit(text[j + 1]))
            {
                j++;
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }
            }

            if (j - i > 9 || !decimal.TryParse(text.AsSpan(i, j - i), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            {
                return null;
            }
        }
        else
        {
            while (j < text.Length && ChineseNumerals.IsNumeralChar(text[j]))
            {
                j++;
            }

            // 五万元: the 万 belongs to the unit.
            if (j < text.Length && text[j] == '元' && text[j - 1] is '万' or '亿')
            {
                j--;
            }

            var run = text.AsSpan(i, j - i);
            var hasDigit = false;
            foreach (var c in run)
            {
                hasDigit |= ChineseNumerals.IsDigitChar(c);
            }

            // 近百名, 百余人, 千余份: a bare 百/千 counts only when marked as approximate.
            var approxAround = (j < text.Length && text[j] is '余' or '多') || (i > 0 && text[i - 1] is '近' or '约' or '上');
            if ((!hasDigit && run[0] != '十' && !(run is "百" or "千" && approxAround)) || run is "一" || !ChineseNumerals.TryParse(run, out var parsed))
            {
                return null;
            }

            if (i > 0 && text[i - 1] is '数' or '几' or '若' or '成')
            {
                return null; // 数十场, 几十名, 成千: not a number
            }

            value = parsed;
            chinese = true;
        }

        var approx = false;
        if (j < text.Length && text[j] is '余' or '多')
        {
            approx = true;
            j++;
        }

        decimal multiplier = 1;
        if (!chinese && j < text.Length && text[j] is '万' or '亿' && !(j + 1 < text.Length && text[j + 1] == '元'))
        {
            multiplier = text[j] == '万' ? 10_000m : 100_000_000m;
            value *= multiplier;
            j++;
            if (j < text.Length && text[j] is '余' or '多')
            {
                approx = true;
                j++;
            }
        }

        return new NumberRead(Normalise(value), j, approx, chinese, multiplier);
    }

    private static Found? TryRead(string text, int i, bool[] quoted, Found? previous)
    {
        if (quoted[i])
        {
            return null;
        }

        var first = ReadNumber(text, i);
        if (first is null)
        {
            return null;
        }

        var number = first.Value;
        var j = number.End;
        var hasPercent = false;
        if (j < text.Length && text[j] == '%')
        {
            hasPercent = true;
            j++;
        }

        decimal? upper = null;
        var rangeEnd = ReadRangeSeparator(text, j);
        if (rangeEnd > j && rangeEnd < text.Length && IsNumberStartAfterSeparator(text, rangeEnd))
        {
            var second = ReadNumber(text, rangeEnd);
            if (second is { } s && s.Chinese == number.Chinese)
            {
                upper = s.Value;
                var lower = number.Value;
                if (number.Multiplier == 1 && s.Multiplier > 1 && lower * s.Multiplier <= s.Value)
                {
                    lower *= s.Multiplier;
                }

                number = number with { Value = lower, End = s.End, Approx = number.Approx || s.Approx };
                j = s.End;
                if (hasPercent && j < text.Length && text[j] == '%')
                {
                    j++;
                }
            }
        }

        // Unit.
        string? unit = null;
        if (hasPercent)
        {
            unit = "%";
        }
        else
        {
            var k = j;
            while (k < text.Length && text[k] == ' ')
            {
                k++;
            }

            foreach (var u in Units)
            {
                if (string.CompareOrdinal(text, k, u, 0, u.Length) == 0)
                {
                    unit = u;
                    j = k + u.Length;
                    break;
                }
            }
        }

        if (unit is null || (upper is not null && upper <= number.Value))
        {
            return null;
        }

        // Things that look like counts but are not.
        var before = i > 0 ? text[i - 1] : '\0';
        if (before is '第' or '前' or '+' || (j < text.Length && text[j] == '+'))
        {
            return null;
        }

        if (unit == "个" && j < text.Length && (text[j] is '月' or '年' or '小' or '工' || StartsWith(text, j, "季度")))
        {
            return null; // durations: 3个月, 两个工作日
        }

        if (unit == "期" && number.Chinese)
        {
            return null; // 二期工程 is a phase, not three sessions
        }

        if (j < text.Length && ChineseNumerals.IsNumeralChar(text[j]) && !StartsWith(text, j, "万"))
        {
            return null; // 三个一批, 一个中心两个基本点
        }

        // Bound words after the unit.
        string? suffix = null;
        foreach (var s in Suffixes)
        {
            if (StartsWith(text, j, s))
            {
                suffix = s;
                j += s.Length;
                break;
            }
        }

        // Bound words in front of the number.
        var prefixStart = i;
        string? prefix = null;
        foreach (var p in AtLeastPrefixes.Concat(AtMostPrefixes).Concat(ApproxPrefixes).Concat(ReachPrefixes))
        {
            // Longest wins: 不超过 is not 超过.
            if (i >= p.Length && string.CompareOrdinal(text, i - p.Length, p, 0, p.Length) == 0 && (prefix is null || p.Length > prefix.Length))
            {
                prefix = p;
                prefixStart = i - p.Length;
            }
        }

        if (prefixStart > 0 && text[prefixStart - 1] == '第')
        {
            return null;
        }

        var bound = DecideBound(upper, suffix, prefix, number.Approx);

        // The clause around the number.
        var clauseStart = prefixStart;
        while (clauseStart > 0 && !ClauseBreaks.Contains(text[clauseStart - 1], StringComparison.Ordinal))
        {
            clauseStart--;
        }

        var sentenceStart = clauseStart;
        while (sentenceStart > 0 && !SentenceBreaks.Contains(text[sentenceStart - 1], StringComparison.Ordinal))
        {
            sentenceStart--;
        }

        var samePreviousSentence = previous is not null && previous.SentenceStart == sentenceStart;
        if (samePreviousSentence && previous!.SubjectEnd > clauseStart && previous.SubjectEnd <= prefixStart)
        {
            clauseStart = previous.SubjectEnd;
        }

        // 、 ends the clause after the number ("省级7家、市级1家") but not the one before it ("科普馆、示范社区10个").
        var clauseEnd = j;
        while (clauseEnd < text.Length && text[clauseEnd] != '、' && !ClauseBreaks.Contains(text[clauseEnd], StringComparison.Ordinal))
        {
            clauseEnd++;
        }

        var pre = text[clauseStart..prefixStart];
        var post = text[j..clauseEnd];
        if (prefix is null && suffix is null && upper is null)
        {
            // 至少举办培训班3期: the bound word opens the clause.
            var opening = pre.TrimStart();
            bound = opening.StartsWith("至少", StringComparison.Ordinal) || opening.StartsWith("最少", StringComparison.Ordinal) ? QuantityBound.AtLeast
                : opening.StartsWith("最多", StringComparison.Ordinal) || opening.StartsWith("至多", StringComparison.Ordinal) ? QuantityBound.AtMost
                : bound;
        }

        if (post.TrimStart().StartsWith('（') || post.TrimStart().StartsWith('(') || post.Trim().Trim('）', ')', '/').Length == 0
            || RatePattern().IsMatch(post))
        {
            post = string.Empty; // 8至10家（责任单位：…）, （其中院士工作站1家）, 1—2次/月
        }

        var preTrimmed = TrimFillersEnd(pre);

        string subject;
        var baseSubject = string.Empty;
        string? verb = null;
        var subjectEnd = j;
        var verbBefore = false;
        var preEmpty = TrimFillersStart(preTrimmed.Trim(SubjectPunctuation)).Length == 0;
        var verbAtEnd = EndsWithVerb(preTrimmed, out var endVerb);
        if (verbAtEnd && post.Trim().Length == 0 && WeakVerbs.Contains(endVerb))
        {
            verbAtEnd = false; // 科普大篷车巡展120场次, 评选优秀学协会组织6个: the weak verb is part of the counted thing
        }

        var prepositionAtEnd = !verbAtEnd && preTrimmed.Length > 0 && "对为向给".Contains(preTrimmed[^1], StringComparison.Ordinal);
        if (!verbAtEnd && preEmpty && samePreviousSentence && previous!.VerbBefore)
        {
            verbAtEnd = true; // 建成5个科普馆和10个示范社区: the verb carries over
            endVerb = previous.Verb;
        }

        var clauseInitial = preEmpty && post.Trim().Length > 0
            && ((samePreviousSentence && previous!.Unit == unit) || !number.Chinese || number.Approx || prefix is not null);
        if (verbAtEnd || prepositionAtEnd || clauseInitial)
        {
            // 实施5项科普服务重点工程 / 对28家学会开展评价 / 新建8家，3家晋升为省级: the counted thing follows.
            verb = verbAtEnd ? endVerb : null;
            verbBefore = verbAtEnd;
            // After 新建8家，3家晋升为省级 the rest of the clause says what became of them: keep it whole.
            var cut = verbAtEnd || prepositionAtEnd ? CutSubject(post) : post;
            subject = CleanSubject(cut);
            subjectEnd = j + cut.Length;
            if (subject.Length == 0 && verbAtEnd)
            {
                // 比例提高2个百分点: the counted thing is in front of the verb.
                var verbIndex = endVerb is null ? preTrimmed.Length : preTrimmed.LastIndexOf(endVerb, StringComparison.Ordinal);
                subject = CleanSubject(preTrimmed[..Math.Max(0, verbIndex)]);
            }

            if (subject.Length == 0 && samePreviousSentence && previous!.Unit == unit)
            {
                subject = previous.BaseSubject;
            }

            if (subject.Length == 0)
            {
                subject = verb ?? string.Empty;
            }

            baseSubject = subject;
        }
        else if (post.Trim().Length == 0)
        {
            // 新建院士专家工作站5家 / 参观人数5万余人次: the number closes the clause.
            var verbIndex = FindVerb(pre, out verb);
            var rest = verbIndex >= 0 ? pre[(verbIndex + verb!.Length)..] : pre;
            subject = CleanSubject(rest);
            foreach (var change in ChangeVerbs)
            {
                if (subject.Length > change.Length && subject.EndsWith(change, StringComparison.Ordinal))
                {
                    // 公民具备科学素质的比例提高1.5个百分点
                    subject = CleanSubject(subject[..^change.Length]);
                    verb = change;
                    break;
                }
            }

            if (subject.Length == 0 && verb is not null && !(samePreviousSentence && previous!.Unit == unit))
            {
                subject = verb; // 培训500人次
            }

            baseSubject = subject;
            var inherited = false;
            if (samePreviousSentence && previous!.BaseSubject.Length > 0 && previous.Unit == unit)
            {
                var raw = TrimFillersStart(pre.Trim().Trim(SubjectPunctuation));
                if (subject.Length == 0)
                {
                    subject = previous.BaseSubject;
                    baseSubject = subject;
                    inherited = true;
                }
                else if (raw.EndsWith('级') || raw.EndsWith('类') || subject.Length <= 2)
                {
                    // 新建专家工作站8家，其中省级7家、市级1家
                    subject += previous.BaseSubject;
                    baseSubject = previous.BaseSubject;
                    inherited = true;
                }
            }

            verb ??= prefix is not null && (ReachPrefixes.Contains(prefix) || prefix is "突破" or "超过") ? prefix : inherited ? previous!.Verb : null;
            if (subject.Length == 0)
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        return new Found(number.Value, upper, bound, unit, subject, baseSubject, verb, prefixStart, j, subjectEnd, sentenceStart, verbBefore);
    }

    /// <summary>Drops trailing zeros of the scale (3.5万 is 35000, not 35000.0).</summary>
    private static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;

    private static QuantityBound DecideBound(decimal? upper, string? suffix, string? prefix, bool approx)
    {
        if (upper is not null)
        {
            return QuantityBound.Range;
        }

        switch (suffix)
        {
            case "以上" or "之上":
                return QuantityBound.AtLeast;
            case "以下" or "以内" or "之内":
                return QuantityBound.AtMost;
            case "左右" or "余" or "多":
                return QuantityBound.Approx;
        }

        if (prefix is not null)
        {
            if (AtLeastPrefixes.Contains(prefix))
            {
                return QuantityBound.AtLeast;
            }

            if (AtMostPrefixes.Contains(prefix))
            {
                return QuantityBound.AtMost;
            }

            if (ApproxPrefixes.Contains(prefix))
            {
                return QuantityBound.Approx;
            }
        }

        return approx ? QuantityBound.Approx : QuantityBound.Exact;
    }

    private static int ReadRangeSeparator(string text, int j)
    {
        if (j >= text.Length)
        {
            return j;
        }

        if (StartsWith(text, j, "——"))
        {
            return j + 2;
        }

        return text[j] is '—' or '-' or '–' or '－' or '～' or '~' or '至' or '到' or '〜' ? j + 1 : j;
    }

    private static bool IsNumberStartAfterSeparator(string text, int k) =>
        char.IsAsciiDigit(text[k]) || ChineseNumerals.IsNumeralChar(text[k]);

    private static bool EndsWithVerb(string pre, out string? verb)
    {
        foreach (var v in VerbsLongestFirst)
        {
            if (pre.EndsWith(v, StringComparison.Ordinal))
            {
                verb = v;
                return true;
            }
        }

        verb = null;
        return false;
    }

    /// <summary>The last strong verb in the clause, else a weak verb right at its start; -1 when none.</summary>
    private static int FindVerb(string pre, out string? verb)
    {
        var best = -1;
        verb = null;
        foreach (var v in StrongVerbs)
        {
            var k = pre.LastIndexOf(v, StringComparison.Ordinal);
            while (k >= 0 && CleanSubject(pre[(k + v.Length)..]).Length < 2)
            {
                // 组建率, 获得者: the verb is inside the noun; look further left.
                k = k == 0 ? -1 : pre.LastIndexOf(v, k - 1, StringComparison.Ordinal);
            }

            if (k > best || (k == best && k >= 0 && v.Length > verb!.Length))
            {
                best = k;
                verb = v;
            }
        }

        if (best >= 0)
        {
            return best;
        }

        var trimmed = TrimFillersStart(pre.TrimStart());
        var offset = pre.Length - trimmed.Length;
        foreach (var v in WeakVerbs)
        {
            if (trimmed.StartsWith(v, StringComparison.Ordinal))
            {
                verb = v;
                return offset;
            }
        }

        return -1;
    }

    private static string CutSubject(string post)
    {
        var end = post.Length;
        foreach (var w in SubjectCutWords)
        {
            var k = post.IndexOf(w, StringComparison.Ordinal);
            if (k > 0 && k < end)
            {
                end = k;
            }
        }

        return post[..end];
    }

    private static string CleanSubject(string s)
    {
        var t = TrimBrackets(TrimBrackets(s.Trim()).Trim(SubjectPunctuation));
        var changed = true;
        while (changed && t.Length > 0)
        {
            changed = false;
            var trimmed = TrimFillersStart(t);
            foreach (var v in VerbsLongestFirst)
            {
                if (trimmed.Length > v.Length && trimmed.StartsWith(v, StringComparison.Ordinal))
                {
                    trimmed = trimmed[v.Length..];
                    break;
                }
            }

            trimmed = TrimBrackets(TrimFillersEnd(trimmed).TrimStart('的', ' ').Trim(SubjectPunctuation));
            if (trimmed != t)
            {
                t = trimmed;
                changed = true;
            }
        }

        return t.Length > 20 ? t[^20..] : t;
    }

    /// <summary>Drops a closing bracket at either end that has no opening partner ("市级）" but not "社区（村）").</summary>
    private static string TrimBrackets(string s)
    {
        if (s.Length > 0 && s[0] is '（' or '(')
        {
            var close = s.IndexOfAny(['）', ')']);
            if (close > 0 && close < s.Length - 1)
            {
                s = s[(close + 1)..].Trim(); // 新建（改建）科普馆: the note is not the thing counted
            }
        }

        while (s.Length > 0 && s[0] is '）' or ')')
        {
            s = s[1..].Trim();
        }

        while (s.Length > 0 && s[^1] is '）' or ')' && s.Count(c => c is '（' or '(') < s.Count(c => c is '）' or ')'))
        {
            s = s[..^1].Trim();
        }

        return s;
    }

    private static string TrimFillersStart(string s)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var f in StartFillers)
            {
                if (s.Length > 0 && s.StartsWith(f, StringComparison.Ordinal))
                {
                    s = s[f.Length..].TrimStart();
                    changed = true;
                }
            }
        }

        return s;
    }

    private static string TrimFillersEnd(string s)
    {
        var changed = true;
        s = s.TrimEnd();
        while (changed)
        {
            changed = false;
            foreach (var f in EndFillers)
            {
                if (s.Length > f.Length && s.EndsWith(f, StringComparison.Ordinal))
                {
                    s = s[..^f.Length].TrimEnd();
                    changed = true;
                }
            }
        }

        return s;
    }

    private static bool StartsWith(string text, int at, string value) =>
        at + value.Length <= text.Length && string.CompareOrdinal(text, at, value, 0, value.Length) == 0;

    private static string SentenceAround(string text, int at)
    {
        var s = at;
        while (s > 0 && !SentenceBreaks.Contains(text[s - 1], StringComparison.Ordinal))
        {
            s--;
        }

        var e = at;
        while (e < text.Length && !SentenceBreaks.Contains(text[e], StringComparison.Ordinal))
        {
            e++;
        }

        if (e < text.Length && text[e] != '\n')
        {
            e++;
        }

        return text[s..e].Trim();
    }

    /// <summary>Marks characters inside “”, 「」, 『』, 《》, 〈〉, ‘’ and ASCII double quotes.</summary>
    internal static bool[] QuotedMask(string text)
    {
        var mask = new bool[text.Length];
        var depth = 0;
        var asciiOpen = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '“' or '「' or '『' or '《' or '〈' or '‘':
                    depth++;
                    break;
                case '”' or '」' or '』' or '》' or '〉' or '’':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '"':
                    asciiOpen = !asciiOpen;
                    break;
                case '\n':
                    depth = 0;
                    asciiOpen = false;
                    break;
            }

            mask[i] = depth > 0 || asciiOpen;
        }

        return mask;
    }

    [GeneratedRegex(@"^\s*[/／每](?:月|年|季度?|周|天|日|人)\s*$")]
    private static partial Regex RatePattern();
}
