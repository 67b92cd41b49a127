using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Kexie.Web.Modules.WorkPlans.Features;
using Kexie.Web.Modules.WorkPlans.Parsing;

namespace Kexie.Web.Modules.WorkPlans;

/// <summary>
/// <c>dotnet run --project src/Kexie.Web -- parse-workplan plan.txt [--summary]</c>: parses a .txt or .docx
/// and prints the structure as JSON (or a short outline), without starting the web host or touching a database.
/// </summary>
public static class WorkPlansCommandLine
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static bool TryRun(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "parse-workplan") return false;
        var file = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null || !File.Exists(file))
        {
            error.WriteLine("用法: parse-workplan <文件.txt|文件.docx> [--summary]");
            Environment.ExitCode = 2;
            return true;
        }
        string text;
        try
        {
            using var s = File.OpenRead(file);
            text = PlanDocumentText.ReadAsync(s, file).GetAwaiter().GetResult();
        }
        catch (Platform.Errors.DomainException e)
        {
            error.WriteLine(e.Message);
            Environment.ExitCode = 1;
            return true;
        }
        var parsed = WorkPlanParser.Parse(text);
        if (args.Contains("--summary"))
        {
            output.WriteLine($"{parsed.Title}（{parsed.Year}，{parsed.Kind}）");
            foreach (var part in parsed.Parts)
            {
                output.WriteLine($"{part.Label}{part.Title} [{part.Kind}]");
                foreach (var item in part.Items)
                    output.WriteLine($"{new string(' ', item.Level * 2)}{item.Path} {item.Title}"
                        + string.Concat(item.Targets.Select(t => $" ⟨{t.Subject} {t.Text}⟩"))
                        + string.Concat(item.Figures.Select(t => $" ⟪{t.Subject} {t.Text}⟫"))
                        + (item.ResponsibleUnits.Count > 0 ? $" 〔{string.Join("、", item.ResponsibleUnits)}〕" : ""));
            }
            if (parsed.Kind == WorkPlanDocumentKind.Review) output.WriteLine("（工作回顾：只有上年完成数字，不生成任务）");
            return true;
        }
        output.WriteLine(JsonSerializer.Serialize(parsed, Json));
        return true;
    }
}
