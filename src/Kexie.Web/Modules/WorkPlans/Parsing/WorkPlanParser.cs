using System.Text;
using System.Text.RegularExpressions;

namespace Kexie.Web.Modules.WorkPlans.Parsing;

/// <summary>
/// Reads a pasted 工作要点 / 工作回顾 (plain text) into parts, items, targets, figures and responsible units.
/// </summary>
/// <remarks>
/// The pipeline: normalise characters one for one (offsets stay valid) → split lines and set page furniture
/// aside → join lines that were wrapped by a PDF or a page break → split paragraphs that run several numbered
/// items together → find the title, the preamble and the parts (the highest numbering style that starts at
/// 一 becomes the parts) → build the item tree from the remaining numbering styles, unnumbered paragraphs
/// that open with a short title sentence, and 一是/二是 enumerations → extract targets (plan parts), figures
/// (review parts) and responsible units → everything not placed goes to <see cref="ParsedWorkPlan.Unplaced"/>.
/// </remarks>
public static partial class WorkPlanParser
{
    private const int UnnumberedRank = 100;
    private const string Terminals = "。；！？：!?;:";

    /// <summary>Parses a work plan or review given as plain text.</summary>
    public static ParsedWorkPlan Parse(string text)
    {
        var original = text ?? string.Empty;
        var work = ChineseTextNormaliser.Normalise(original, out var traditional);
        var furniture = new List<FurnitureFragment>();
        var lines = ReadLines(work, furniture);
        MarkRunningHeaderCandidates(lines);
        MarkSignatureBlock(lines, furniture);
        var paragraphs = BuildParagraphs(lines, work);
        paragraphs = SplitRunTogetherItems(paragraphs);

        // Title.
        var (titleFirst, titleLast) = FindTitle(paragraphs);
        foreach (var line in lines.Where(l => l.HeaderCandidate))
        {
            var usedAsTitle = titleFirst >= 0 && paragraphs.Skip(titleFirst).Take(titleLast - titleFirst + 1).Any(p => p.Start == line.ContentStart);
            if (!usedAsTitle)
            {
                furniture.Add(new FurnitureFragment(FurnitureKind.RunningHeader, line.Text, line.ContentStart, line.End - line.ContentStart));
            }
        }

        var headerStarts = lines.Where(l => l.HeaderCandidate).Select(l => l.ContentStart).ToHashSet();
        var title = string.Empty;
        var titleStart = -1;
        var titleLength = 0;
        if (titleFirst >= 0)
        {
            title = string.Concat(paragraphs.Skip(titleFirst).Take(titleLast - titleFirst + 1).Select(p => p.Text.Trim())).Replace(" ", string.Empty, StringComparison.Ordinal);
            titleStart = paragraphs[titleFirst].Start;
            titleLength = paragraphs[titleLast].End - titleStart;
        }

        var body = new List<Paragraph>();
        for (var i = titleLast + 1; i < paragraphs.Count; i++)
        {
            if (!headerStarts.Contains(paragraphs[i].Start))
            {
                body.Add(paragraphs[i]);
            }
        }

        // Parts.
        var titleKind = ClassifyTitle(title);
        var year = FindYear(title);
        var partStyle = ChoosePartStyle(body);
        var firstPart = partStyle is null ? -1 : body.FindIndex(p => p.Marker is { } m && Rank(m.Style) <= Rank(partStyle.Value));
        var firstMarked = body.FindIndex(p => p.Marker is not null);
        var preambleEnd = firstPart >= 0 ? firstPart : firstMarked >= 0 ? firstMarked : Math.Min(1, body.Count);
        var preamble = body.Take(preambleEnd).ToList();
        year ??= FindYear(string.Concat(preamble.Select(p => p.Text)));

        var parts = new List<WorkPlanPart>();
        var partBuilders = new List<PartBuilder>();
        if (firstPart >= 0)
        {
            PartBuilder? current = null;
            for (var i = firstPart; i < body.Count; i++)
            {
                var p = body[i];
                if (p.Marker is { } m && Rank(m.Style) <= Rank(partStyle!.Value))
                {
                    current = StartPart(p);
                    partBuilders.Add(current);
                    continue;
                }

                current!.Paragraphs.Add(p);
            }
        }
        else if (body.Count > preambleEnd)
        {
            var implicitPart = new PartBuilder(null, null, string.Empty, -1, 0);
            implicitPart.Paragraphs.AddRange(body.Skip(preambleEnd));
            partBuilders.Add(implicitPart);
        }

        var kinds = DecidePartKinds(partBuilders, titleKind, year);
        for (var i = 0; i < partBuilders.Count; i++)
        {
            parts.Add(BuildPart(partBuilders[i], i + 1, kinds[i], partStyle));
        }

        var documentKind = parts.Count == 0
            ? (titleKind == TitleKind.Review ? WorkPlanDocumentKind.Review : WorkPlanDocumentKind.Plan)
            : parts.All(p => p.Kind == WorkPlanPartKind.Plan) ? WorkPlanDocumentKind.Plan
            : parts.All(p => p.Kind == WorkPlanPartKind.Review) ? WorkPlanDocumentKind.Review
            : WorkPlanDocumentKind.ReviewAndPlan;

        var organisation = FindOrganisation(title, furniture);
        var preambleFragments = preamble.Select(p => new TextFragment(p.Text, p.Start, p.End - p.Start)).ToList();
        var preambleFigures = preamble.SelectMany(p => QuantityExtractor.Extract(p.Text, p.Map)).ToList();
        furniture.Sort((a, b) => a.Start.CompareTo(b.Start));

        var plan = new ParsedWorkPlan(
            title, titleStart, titleLength, year, organisation, documentKind, traditional,
            string.Join('\n', preamble.Select(p => p.Text)), preambleFragments, preambleFigures,
            parts, furniture, [], original);
        var unplaced = WorkPlanCoverage.FindUncovered(plan)
            .Select(f => f with { Text = work.Substring(f.Start, f.Length).Trim() })
            .ToList();
        return plan with { Unplaced = unplaced };
    }

    // ---------------------------------------------------------------- lines and furniture

    private sealed class Line
    {
        public int End { get; init; }
        public int ContentStart { get; set; }
        public string Text { get; set; } = string.Empty;
        public bool IsBlank { get; set; }
        public bool IsFurniture { get; set; }
        public bool HeaderCandidate { get; set; }
        public bool IsMarked { get; set; }
    }

    private static List<Line> ReadLines(string work, List<FurnitureFragment> furniture)
    {
        var lines = new List<Line>();
        var pos = 0;
        while (pos <= work.Length)
        {
            var nl = work.IndexOf('\n', pos);
            var end = nl < 0 ? work.Length : nl;
            var s = pos;
            var e = end;
            while (s < e && char.IsWhiteSpace(work[s]))
            {
                s++;
            }

            while (e > s && char.IsWhiteSpace(work[e - 1]))
            {
                e--;
            }

            var line = new Line { End = e, ContentStart = s, Text = work[s..e], IsBlank = s == e };
            if (!line.IsBlank)
            {
                var kind = FurnitureRecogniser.Classify(line.Text);
                if (kind is not null)
                {
                    line.IsFurniture = true;
                    furniture.Add(new FurnitureFragment(kind.Value, line.Text, s, e - s));
                }
                else
                {
                    var symbols = FurnitureRecogniser.LeadingSymbolLength(work, s, e);
                    if (symbols > 0)
                    {
                        furniture.Add(new FurnitureFragment(FurnitureKind.Symbol, work.Substring(s, symbols), s, symbols));
                        var cs = s + symbols;
                        while (cs < e && work[cs] == ' ')
                        {
                            cs++;
                        }

                        line.ContentStart = cs;
                        line.Text = work[cs..e];
                    }

                    line.IsMarked = NumberingRecogniser.MatchAt(line.Text) is not null;
                }
            }

            lines.Add(line);
            if (nl < 0)
            {
                break;
            }

            pos = nl + 1;
        }

        return lines;
    }

    /// <summary>Short lines repeated on several pages: the title or the issuer printed as a page header.</summary>
    private static void MarkRunningHeaderCandidates(List<Line> lines)
    {
        var groups = lines
            .Where(l => !l.IsBlank && !l.IsFurniture && !l.IsMarked && l.Text.Length <= 40 && !EndsWithTerminal(l.Text))
            .GroupBy(l => l.Text.Replace(" ", string.Empty, StringComparison.Ordinal))
            .Where(g => g.Count() >= 2 && (g.Count() >= 3 || HeaderWords().IsMatch(g.Key)));
        foreach (var group in groups)
        {
            // Every occurrence is a candidate; the first stays in the text in case it is the title.
            var first = true;
            foreach (var line in group)
            {
                line.HeaderCandidate = true;
                line.IsFurniture = !first;
                first = false;
            }
        }
    }

    /// <summary>Signature, date and distribution lines at the very end of the document.</summary>
    private static void MarkSignatureBlock(List<Line> lines, List<FurnitureFragment> furniture)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (line.IsBlank || line.IsFurniture)
            {
                continue;
            }

            if (!line.IsMarked && FurnitureRecogniser.LooksLikeSignature(line.Text))
            {
                line.IsFurniture = true;
                furniture.Add(new FurnitureFragment(FurnitureKind.Signature, line.Text, line.ContentStart, line.End - line.ContentStart));
                continue;
            }

            break;
        }
    }

    // ---------------------------------------------------------------- paragraphs

    private sealed class Paragraph
    {
        public Paragraph(string text, int[] map)
        {
            Text = text;
            Map = map;
            Marker = NumberingRecogniser.MatchAt(text);
        }

        public string Text { get; }

        public int[] Map { get; }

        public NumberingMarker? Marker { get; }

        public int Start => Map[0];

        public int End => Map[^1] + 1;

        public Paragraph Slice(int from, int to)
        {
            while (from < to && char.IsWhiteSpace(Text[from]))
            {
                from++;
            }

            while (to > from && char.IsWhiteSpace(Text[to - 1]))
            {
                to--;
            }

            return new Paragraph(Text[from..to], Map[from..to]);
        }
    }

    private static List<Paragraph> BuildParagraphs(List<Line> lines, string work)
    {
        var width = DetectWrapWidth(lines);
        var result = new List<Paragraph>();
        var text = new StringBuilder();
        var map = new List<int>();
        Line? last = null;
        var furnitureSinceLast = false;

        void Flush()
        {
            if (text.Length > 0)
            {
                result.Add(new Paragraph(text.ToString(), [.. map]));
            }

            text.Clear();
            map.Clear();
            last = null;
        }

        foreach (var line in lines)
        {
            if (line.IsBlank)
            {
                continue;
            }

            if (line.IsFurniture)
            {
                furnitureSinceLast = true;
                continue;
            }

            var join = last is not null
                && !line.IsMarked
                && !line.HeaderCandidate
                && !last.HeaderCandidate
                && !EndsWithTerminal(text.ToString())
                && !ResponsibleLine().IsMatch(line.Text)
                && ((width > 0 && last.Text.Length >= width - 3)
                    || (furnitureSinceLast && last.Text.Length >= (last.IsMarked ? 45 : 25))
                    || EndsMidSentence(text.ToString()));
            if (!join)
            {
                Flush();
            }

            for (var k = line.ContentStart; k < line.End; k++)
            {
                text.Append(work[k]);
                map.Add(k);
            }

            last = line;
            furnitureSinceLast = false;
        }

        Flush();
        return result;
    }

    /// <summary>The width a PDF wrapped lines at, or 0 when lines were not hard-wrapped.</summary>
    private static int DetectWrapWidth(List<Line> lines)
    {
        var lengths = lines.Where(l => !l.IsBlank && !l.IsFurniture && l.Text.Length >= 15).Select(l => l.Text.Length).ToList();
        if (lengths.Count < 4)
        {
            return 0;
        }

        var best = 0;
        var bestCount = 0;
        foreach (var candidate in lengths.Distinct())
        {
            var count = lengths.Count(n => n >= candidate - 2 && n <= candidate);
            if (count > bestCount || (count == bestCount && candidate > best))
            {
                best = candidate;
                bestCount = count;
            }
        }

        if (bestCount < 3 || bestCount * 10 < lengths.Count * 3 || best > 90)
        {
            return 0;
        }

        // Wrapped lines end in the middle of a sentence; lines of a text without wrapping end with 。.
        var full = lines.Where(l => !l.IsBlank && !l.IsFurniture && l.Text.Length >= best - 3).ToList();
        var open = full.Count(l => !EndsWithTerminal(l.Text));
        return open * 2 >= full.Count ? best : 0;
    }

    /// <summary>Splits "1.xxx。2.yyy。" and "一、xxx。1.yyy" run together in one paragraph.</summary>
    private static List<Paragraph> SplitRunTogetherItems(List<Paragraph> paragraphs)
    {
        var result = new List<Paragraph>();
        var queue = new Queue<Paragraph>(paragraphs);
        while (queue.Count > 0)
        {
            var p = queue.Dequeue();
            var split = -1;
            if (p.Marker is { Style: not NumberingStyle.Section } m)
            {
                var depth = 0;
                for (var k = m.Length; k < p.Text.Length - 1; k++)
                {
                    var c = p.Text[k];
                    depth += c is '（' or '(' or '“' or '《' ? 1 : c is '）' or ')' or '”' or '》' ? -1 : 0;
                    if (depth > 0 || c is not ('。' or '；' or '！' or '？'))
                    {
                        continue;
                    }

                    var next = k + 1;
                    while (next < p.Text.Length && p.Text[next] == ' ')
                    {
                        next++;
                    }

                    var n = NumberingRecogniser.MatchAt(p.Text, next);
                    if (n is not null && n.Style != NumberingStyle.Section
                        && ((n.Style == m.Style && n.Number == m.Number + 1) || (Rank(n.Style) > Rank(m.Style) && n.Number == 1)))
                    {
                        split = next;
                        break;
                    }
                }
            }

            if (split < 0)
            {
                result.Add(p);
                continue;
            }

            result.Add(p.Slice(0, split));
            var rest = new Queue<Paragraph>();
            rest.Enqueue(p.Slice(split, p.Text.Length));
            foreach (var q in queue)
            {
                rest.Enqueue(q);
            }

            queue = rest;
        }

        return result;
    }

    // ---------------------------------------------------------------- title, year, organisation

    private enum TitleKind
    {
        Unknown,
        Plan,
        Review,
        Mixed,
    }

    private static (int First, int Last) FindTitle(List<Paragraph> paragraphs)
    {
        var limit = Math.Min(paragraphs.Count, 10);
        for (var i = 0; i < limit; i++)
        {
            var p = paragraphs[i];
            if (p.Marker is not null && i > 0)
            {
                break;
            }

            if (p.Marker is null && p.Text.Length <= 60 && !p.Text.Contains('。') && TitleWords().IsMatch(p.Text))
            {
                if (NoticeTitle().IsMatch(p.Text) && paragraphs.Skip(i + 1).Take(limit - i - 1).Any(q => q.Marker is null && q.Text.Length <= 60 && !q.Text.Contains('。') && TitleWords().IsMatch(q.Text) && !NoticeTitle().IsMatch(q.Text)))
                {
                    continue; // 关于印发《…工作要点》的通知: the cover letter; the real title follows
                }

                var first = i;
                if (i > 0)
                {
                    var before = paragraphs[i - 1];
                    if (before.Marker is null && before.Text.Length <= 30 && !EndsWithTerminal(before.Text)
                        && !p.Text.Contains("科协", StringComparison.Ordinal) && !p.Text.Contains("协会", StringComparison.Ordinal)
                        && OrganisationEnd().IsMatch(before.Text))
                    {
                        first = i - 1;
                    }
                }

                return (first, i);
            }
        }

        if (paragraphs.Count > 1 && paragraphs[0].Marker is null && paragraphs[0].Text.Length <= 40 && !EndsWithTerminal(paragraphs[0].Text)
            && !paragraphs[0].Text.Contains('，'))
        {
            return (0, 0);
        }

        return (-1, -1);
    }

    private static TitleKind ClassifyTitle(string title)
    {
        var review = ReviewTitleWords().IsMatch(title);
        var plan = PlanTitleWords().IsMatch(title);
        return (review, plan) switch
        {
            (true, true) => TitleKind.Mixed,
            (true, false) => TitleKind.Review,
            (false, true) => TitleKind.Plan,
            _ => TitleKind.Unknown,
        };
    }

    private static int? FindYear(string text)
    {
        int? best = null;
        foreach (Match m in YearPattern().Matches(text))
        {
            var digits = m.Groups["y"].Value;
            var year = char.IsAsciiDigit(digits[0])
                ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture)
                : ChineseNumerals.TryParse(digits, out var v) ? (int)v : 0;
            if (year is >= 1950 and <= 2100)
            {
                best = best is null ? year : Math.Max(best.Value, year);
            }

            if (best is not null && text.Length > 80)
            {
                break; // in running text the first year is the one that matters
            }
        }

        return best;
    }

    private static string? FindOrganisation(string title, List<FurnitureFragment> furniture)
    {
        var m = OrganisationPattern().Match(title);
        if (m.Success)
        {
            return m.Value;
        }

        var signature = furniture.LastOrDefault(f => f.Kind == FurnitureKind.Signature && FurnitureRecogniser.LooksLikeSignature(f.Text));
        return signature?.Text.Replace(" ", string.Empty, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- parts

    private sealed class PartBuilder(string? label, int? number, string title, int start, int length)
    {
        public string? Label { get; } = label;

        public int? Number { get; } = number;

        public string Title { get; } = title;

        public int Start { get; } = start;

        public int Length { get; } = length;

        public List<Paragraph> Paragraphs { get; } = [];
    }

    private static int Rank(NumberingStyle style) => (int)style;

    private static NumberingStyle? ChoosePartStyle(List<Paragraph> body)
    {
        foreach (var style in new[] { NumberingStyle.Section, NumberingStyle.ChineseComma, NumberingStyle.ChineseParen })
        {
            if (body.Any(p => p.Marker is { } m && m.Style == style && m.Number == 1))
            {
                return style;
            }
        }

        return null;
    }

    private static PartBuilder StartPart(Paragraph header)
    {
        var marker = header.Marker!;
        var text = header.Text;
        var titleEnd = text.Length;
        var depth = 0;
        for (var k = marker.Length; k < text.Length - 1; k++)
        {
            var c = text[k];
            depth += c is '（' or '(' or '“' or '《' ? 1 : c is '）' or ')' or '”' or '》' ? -1 : 0;
            if (depth == 0 && c is '。' or '：' or ':' or '！' or '？')
            {
                titleEnd = k + 1;
                break;
            }
        }

        var title = text[marker.Length..titleEnd].Trim().TrimEnd('。', '：', ':', '！', '？', '；').Trim();
        var builder = new PartBuilder(marker.Label, marker.Number, title, header.Start, header.Map[titleEnd - 1] + 1 - header.Start);
        if (titleEnd < text.Length && text[titleEnd..].Trim().Length > 0)
        {
            builder.Paragraphs.Add(header.Slice(titleEnd, text.Length));
        }

        return builder;
    }

    private static WorkPlanPartKind[] DecidePartKinds(List<PartBuilder> parts, TitleKind titleKind, int? year)
    {
        var kinds = new WorkPlanPartKind[parts.Count];
        var seenPlan = false;
        for (var i = 0; i < parts.Count; i++)
        {
            var title = parts[i].Title;
            WorkPlanPartKind? kind = null;
            var partYear = FindYear(title);
            if (partYear is not null && year is not null && ReviewOrPlanWords().IsMatch(title))
            {
                kind = partYear < year ? WorkPlanPartKind.Review
                    : titleKind == TitleKind.Review && partYear == year && !PlanPartWords().IsMatch(title) ? WorkPlanPartKind.Review
                    : WorkPlanPartKind.Plan;
            }

            if (kind is null)
            {
                var strongReview = StrongReviewPartWords().IsMatch(title);
                var weakReview = titleKind is TitleKind.Review or TitleKind.Mixed && WeakReviewPartWords().IsMatch(title);
                var plan = PlanPartWords().IsMatch(title);
                if ((strongReview || weakReview) && !plan)
                {
                    kind = WorkPlanPartKind.Review;
                }
                else if (plan && !strongReview)
                {
                    kind = WorkPlanPartKind.Plan;
                }
            }

            kind ??= titleKind switch
            {
                TitleKind.Review => WorkPlanPartKind.Review,
                TitleKind.Mixed => seenPlan ? WorkPlanPartKind.Plan : WorkPlanPartKind.Review,
                TitleKind.Plan or TitleKind.Unknown => WorkPlanPartKind.Plan,
                _ => WorkPlanPartKind.Plan,
            };

            seenPlan |= kind == WorkPlanPartKind.Plan;
            kinds[i] = kind.Value;
        }

        return kinds;
    }

    // ---------------------------------------------------------------- items

    private sealed class Node(NumberingMarker? marker, int rank)
    {
        public NumberingMarker? Marker { get; } = marker;

        public int Rank { get; } = rank;

        public List<Paragraph> Paragraphs { get; } = [];

        public List<Node> Children { get; } = [];

        /// <summary>For a 一是 child: the segment of the parent paragraph.</summary>
        public Paragraph? Segment { get; init; }

        public bool IsHeadingOnly =>
            Segment is null && Paragraphs.Count == 1 && Children.Count == 0 && IsHeading(Paragraphs[0].Text[(Marker?.Length ?? 0)..]);
    }

    private static WorkPlanPart BuildPart(PartBuilder builder, int index, WorkPlanPartKind kind, NumberingStyle? partStyle)
    {
        var partRank = partStyle is null ? -1 : Rank(partStyle.Value);
        var root = new Node(null, -1);
        var stack = new Stack<Node>();
        foreach (var p in builder.Paragraphs)
        {
            if (p.Marker is { } m && Rank(m.Style) > partRank)
            {
                var rank = Rank(m.Style);
                while (stack.Count > 0 && stack.Peek().Rank >= rank)
                {
                    stack.Pop();
                }

                var node = new Node(m, rank);
                node.Paragraphs.Add(p);
                (stack.Count > 0 ? stack.Peek() : root).Children.Add(node);
                stack.Push(node);
                continue;
            }

            // A paragraph without a title of its own continues the item before it (its body, or a further paragraph).
            var top = stack.Count > 0 ? stack.Peek() : null;
            if (top is not null && (ResponsibleLine().IsMatch(p.Text) || !OpensWithShortTitle(p.Text)))
            {
                top.Paragraphs.Add(p);
                continue;
            }

            Node parent;
            if (top is not null && top.IsHeadingOnly && top.Marker is not null)
            {
                parent = top;
            }
            else
            {
                if (top is not null)
                {
                    stack.Pop();
                }

                parent = stack.Count > 0 ? stack.Peek() : root;
            }

            var unnumbered = new Node(null, UnnumberedRank);
            unnumbered.Paragraphs.Add(p);
            parent.Children.Add(unnumbered);
            stack.Push(unnumbered);
        }

        var items = new List<WorkPlanItem>();
        var number = builder.Number ?? index;
        for (var i = 0; i < root.Children.Count; i++)
        {
            Flatten(root.Children[i], $"{number}.{i + 1}", 1, kind, [], items);
        }

        return new WorkPlanPart(index, builder.Label, builder.Number, builder.Title, kind, Math.Max(builder.Start, 0), builder.Length, items);
    }

    private static void Flatten(Node node, string path, int level, WorkPlanPartKind kind, IReadOnlyList<string> inheritedUnits, List<WorkPlanItem> items)
    {
        // The node's own text: its paragraphs (or its segment), with the label cut off.
        List<Paragraph> paragraphs = node.Segment is not null ? [node.Segment] : node.Paragraphs;
        var first = paragraphs[0];
        var labelLength = node.Marker?.Length ?? 0;
        if (node.Segment is not null)
        {
            labelLength = node.Marker!.Length;
        }

        // 一是/二是 enumerations inside the node's paragraphs become its first children.
        var enumerationChildren = new List<Node>();
        var masks = new List<string>();
        foreach (var (p, pi) in paragraphs.Select((p, pi) => (p, pi)))
        {
            var offset = pi == 0 ? labelLength : 0;
            var content = p.Text[offset..];
            var markers = node.Segment is null ? NumberingRecogniser.FindEnumeration(content) : [];
            var masked = content.ToCharArray();
            for (var k = 0; k < markers.Count; k++)
            {
                var segStart = markers[k].Start;
                var segEnd = k + 1 < markers.Count ? markers[k + 1].Start : content.Length;
                if (k + 1 == markers.Count)
                {
                    segEnd = TrailingUnitClauseStart(content, segStart, segEnd);
                }

                var segment = p.Slice(offset + segStart, offset + segEnd);
                enumerationChildren.Add(new Node(markers[k] with { Start = 0 }, UnnumberedRank) { Segment = segment });
                for (var c = segStart; c < segEnd; c++)
                {
                    masked[c] = '\n';
                }
            }

            masks.Add(new string(masked));
        }

        var ownText = string.Join('\n', masks);
        var ownMap = new List<int>();
        foreach (var (p, pi) in paragraphs.Select((p, pi) => (p, pi)))
        {
            var offset = pi == 0 ? labelLength : 0;
            if (pi > 0)
            {
                ownMap.Add(paragraphs[pi - 1].Map[^1]);
            }

            ownMap.AddRange(p.Map[offset..]);
        }

        var content0 = first.Text[labelLength..];
        var (title, bodyStart, hasShortTitle) = node.Segment is not null ? EnumerationTitle(content0) : ItemTitle(content0);
        if (enumerationChildren.Count > 0 && content0.TrimStart().StartsWith(enumerationChildren[0].Marker!.Label, StringComparison.Ordinal))
        {
            // The paragraph is nothing but 一是…二是…: its children carry the titles.
            (title, bodyStart, hasShortTitle) = (string.Empty, 0, false);
        }

        var bodyParts = new List<string> { content0[bodyStart..].Trim() };
        bodyParts.AddRange(paragraphs.Skip(1).Select(p => p.Text.Trim()));
        var body = string.Join('\n', bodyParts.Where(b => b.Length > 0));
        var text = string.Join('\n', paragraphs.Select(p => p.Text));

        var clauses = ResponsibleUnitExtractor.FindClauses(ownText);
        var responsible = clauses.SelectMany(c => c.Responsible).Distinct().ToList();
        var supporting = clauses.SelectMany(c => c.Supporting).Distinct().ToList();
        if (responsible.Count == 0)
        {
            responsible = [.. inheritedUnits];
        }

        var quantities = QuantityExtractor.Extract(ownText, ownMap);
        var start = first.Start;
        var end = paragraphs[^1].End;
        items.Add(new WorkPlanItem(
            path,
            level,
            node.Marker?.Label,
            node.Marker?.Number,
            kind,
            title,
            hasShortTitle,
            body,
            text,
            start,
            end - start,
            responsible,
            supporting,
            kind == WorkPlanPartKind.Plan ? quantities : [],
            kind == WorkPlanPartKind.Review ? quantities : []));

        var children = enumerationChildren.Concat(node.Children).ToList();
        for (var i = 0; i < children.Count; i++)
        {
            Flatten(children[i], $"{path}.{i + 1}", level + 1, kind, responsible, items);
        }
    }

    /// <summary>Where a responsible-unit clause closing the paragraph starts, so that it stays with the parent.</summary>
    private static int TrailingUnitClauseStart(string content, int segStart, int segEnd)
    {
        var clauses = ResponsibleUnitExtractor.FindClauses(content[segStart..segEnd]);
        if (clauses.Count == 0)
        {
            return segEnd;
        }

        var last = clauses[^1];
        var after = content[(segStart + last.Start + last.Length)..segEnd].Trim().Trim('。', '；', ' ');
        return after.Length == 0 && last.Start > 0 ? segStart + last.Start : segEnd;
    }

    private static (string Title, int BodyStart, bool Short) ItemTitle(string content)
    {
        // The first sentence ends at 。！？, or at a colon close to the start ("总体要求：…").
        var end = FirstSentenceEnd(content, "。！？!?");
        var colon = FirstSentenceEnd(content, "：:");
        if (colon >= 0 && colon <= 30 && (end < 0 || colon < end))
        {
            end = colon;
        }

        if (end < 0)
        {
            var whole = StripUnitClauses(content).Trim().TrimEnd('；', ';', '，', ',').Trim();
            return (whole, content.Length, whole.Length <= 40);
        }

        var title = StripUnitClauses(content[..end]).Trim();
        return (title, end + 1, title.Length <= 30);
    }

    private static (string Title, int BodyStart, bool Short) EnumerationTitle(string content)
    {
        var end = FirstSentenceEnd(content, "，。；！？：,;:!?");
        if (end < 0)
        {
            var whole = StripUnitClauses(content).Trim();
            return (whole, content.Length, whole.Length <= 30);
        }

        var title = StripUnitClauses(content[..end]).Trim();
        return (title, end + 1, title.Length <= 30);
    }

    private static int FirstSentenceEnd(string content, string terminals)
    {
        var depth = 0;
        for (var k = 0; k < content.Length; k++)
        {
            var c = content[k];
            if (c is '（' or '(' or '“' or '《' or '「')
            {
                depth++;
            }
            else if (c is '）' or ')' or '”' or '》' or '」')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && terminals.Contains(c, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    private static string StripUnitClauses(string text)
    {
        var clauses = ResponsibleUnitExtractor.FindClauses(text);
        if (clauses.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text);
        foreach (var c in clauses.Reverse())
        {
            sb.Remove(c.Start, c.Length);
        }

        return sb.ToString();
    }

    private static bool IsHeading(string content)
    {
        var t = content.Trim();
        if (t.Length == 0 || t.Length > 40)
        {
            return false;
        }

        var end = FirstSentenceEnd(t, "。！？；!?;");
        return end < 0 || end == t.Length - 1 && t[^1] != '。';
    }

    /// <summary>True for a paragraph like "强化政治思想引领。紧紧围绕……": a short first sentence without commas.</summary>
    private static bool OpensWithShortTitle(string text)
    {
        if (ResponsibleLine().IsMatch(text))
        {
            return false;
        }

        var end = FirstSentenceEnd(text, "。！？：!?:");
        if (end < 2 || end > 20)
        {
            return false;
        }

        var first = text[..end];
        return !first.Contains('，') && !first.Contains(',') && !first.Contains('、') && !YearStart().IsMatch(first);
    }

    /// <summary>A line ending in a comma or an open bracket cannot end a paragraph (pasted text broken at every clause).</summary>
    private static bool EndsMidSentence(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && t[^1] is '，' or ',' or '、' or '（' or '(' or '“' or '《' or '—';
    }

    private static bool EndsWithTerminal(string text)
    {
        var t = text.TrimEnd();
        if (t.Length == 0)
        {
            return false;
        }

        var last = t[^1];
        if (last is '”' or '’' or '）' or ')' or '」' or '』' && t.Length > 1)
        {
            var before = t[^2];
            return Terminals.Contains(before, StringComparison.Ordinal) || (last is '）' or ')' && ResponsibleLine().IsMatch(t[Math.Max(0, t.LastIndexOfAny(['（', '(']))..]));
        }

        return Terminals.Contains(last, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"要点|工作计划|计划|工作总结|总结|综述|回顾|工作安排|工作报告|工作思路|打算|任务清单")]
    private static partial Regex TitleWords();

    [GeneratedRegex(@"^关于.{2,60}的(?:通知|函|报告|请示|意见)$")]
    private static partial Regex NoticeTitle();

    [GeneratedRegex(@"总结|综述|回顾|工作报告|完成情况")]
    private static partial Regex ReviewTitleWords();

    [GeneratedRegex(@"要点|计划|安排|打算|思路|任务")]
    private static partial Regex PlanTitleWords();

    [GeneratedRegex(@"回顾|综述|总结|完成情况|过去一年|过去的一年|一年来")]
    private static partial Regex StrongReviewPartWords();

    [GeneratedRegex(@"成绩|成效|取得|开展情况|工作情况|进展情况|主要工作|存在的?问题|不足")]
    private static partial Regex WeakReviewPartWords();

    [GeneratedRegex(@"安排|打算|思路|要点|任务|计划|下一步|展望|目标")]
    private static partial Regex PlanPartWords();

    [GeneratedRegex(@"工作|情况|回顾|安排|打算|要点|任务|重点")]
    private static partial Regex ReviewOrPlanWords();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})\s*年")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^\s*(?:19|20)\d{2}\s*年")]
    private static partial Regex YearStart();

    [GeneratedRegex(@"(?:中共)?[\u4e00-\u9fff]{2,16}?(?:科学技术协会|科协)")]
    private static partial Regex OrganisationPattern();

    [GeneratedRegex(@"(?:科学技术协会|科协|委员会|党组|学会|协会|领导小组|办公室)$")]
    private static partial Regex OrganisationEnd();

    [GeneratedRegex(@"科协|协会|要点|计划|总结|综述|回顾|文件|委员会|学会|内部资料")]
    private static partial Regex HeaderWords();

    [GeneratedRegex(@"^[（(【\[]?\s*(?:责任|牵头|主责|负责|承办|配合|协办|参与|协同)(?:单位|部门|处室|科室)\s*[：:】\]]")]
    private static partial Regex ResponsibleLine();
}
