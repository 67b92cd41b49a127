using System.Globalization;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Errors;
using Kexie.Web.Platform.Files;
using Kexie.Web.Platform.Identity;
using Kexie.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kexie.Web.Platform.Excel;

/// <summary>A column of an import template.</summary>
public sealed record ImportColumn(string Header, bool Required = false, string? Example = null, string? Help = null);

/// <summary>One problem found in the uploaded sheet. <see cref="Row"/> is the Excel row number (header is row 1).</summary>
public sealed record ImportError(int Row, string? Column, string Message);

public sealed record ImportReport(bool Succeeded, int TotalRows, int Imported, IReadOnlyList<ImportError> Errors, Guid? ErrorReportFileId, string Message)
{
    /// <summary>Where the time went (read, parse, validate, write…), in the order the phases first ran; for logs and benchmarks.</summary>
    public IReadOnlyList<ImportPhaseTime> Phases { get; init; } = [];
}

/// <summary>Time spent in one phase of an import (summed over every row when the phase runs per row).</summary>
public sealed record ImportPhaseTime(string Phase, double Seconds);

/// <summary>Accumulates the time of an import's phases (<see cref="ImportContext.Timings"/>). Not thread-safe.</summary>
public sealed class ImportTimings
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, long> _ticks = [];

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>) to the phase; returns now.</summary>
    public long Add(string phase, long startTimestamp)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!_ticks.TryGetValue(phase, out var t)) _order.Add(phase);
        _ticks[phase] = t + (now - startTimestamp);
        return now;
    }

    /// <summary>Adds another thread's phases (after that thread has finished).</summary>
    public void Include(ImportTimings other)
    {
        foreach (var phase in other._order)
        {
            if (!_ticks.TryGetValue(phase, out var t)) _order.Add(phase);
            _ticks[phase] = t + other._ticks[phase];
        }
    }

    public IReadOnlyList<ImportPhaseTime> ToList() =>
        _order.Select(p => new ImportPhaseTime(p, (double)_ticks[p] / System.Diagnostics.Stopwatch.Frequency)).ToList();
}

/// <summary>Reads typed cells of one row and records errors against it (in Chinese).</summary>
public sealed class ImportRowReader
{
    private readonly IDictionary<string, object?> _cells;
    private readonly List<ImportError> _errors;
    private readonly ImportContext _ctx;

    internal ImportRowReader(int row, IDictionary<string, object?> cells, List<ImportError> errors, ImportContext ctx)
    {
        Row = row;
        _cells = cells;
        _errors = errors;
        _ctx = ctx;
    }

    public int Row { get; }
    public bool HasErrors { get; private set; }

    public void Error(string? column, string message)
    {
        HasErrors = true;
        _errors.Add(new ImportError(Row, column, message));
    }

    public string? Text(string header, bool required = false, int maxLength = Lengths.LongName)
    {
        var raw = _cells.TryGetValue(header, out var v) ? v : null;
        var s = raw switch
        {
            null => null,
            double d => d.ToString(CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => raw.ToString(),
        };
        s = s?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            if (required) Error(header, $"「{header}」不能为空");
            return null;
        }
        if (s.Length > maxLength) Error(header, $"「{header}」不能超过 {maxLength} 个字");
        return s;
    }

    public int? Int(string header, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        var s = Text(header, required);
        if (s is null) return null;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            && !(double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && (n = (int)d) == d))
        {
            Error(header, $"「{header}」应为整数，实际为「{s}」");
            return null;
        }
        if (n < min || n > max) Error(header, $"「{header}」应在 {min} 到 {max} 之间");
        return n;
    }

    public DateOnly? Date(string header, bool required = false)
    {
        var raw = _cells.TryGetValue(header, out var v) ? v : null;
        if (raw is DateTime dt) return DateOnly.FromDateTime(dt);
        if (raw is double serial && serial > 0 && serial < 2958466) return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        var s = Text(header, required);
        if (s is null) return null;
        string[] formats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];
        if (DateOnly.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(header, $"「{header}」日期格式不正确（如 2026-03-05），实际为「{s}」");
        return null;
    }

    public bool? Bool(string header, bool required = false)
    {
        var s = Text(header, required);
        return s switch
        {
            null => null,
            "是" or "有" or "Y" or "y" or "1" or "true" or "TRUE" => true,
            "否" or "无" or "N" or "n" or "0" or "false" or "FALSE" => false,
            _ => Invalid(),
        };

        bool? Invalid()
        {
            Error(header, $"「{header}」只能填写「是」或「否」，实际为「{s}」");
            return null;
        }
    }

    /// <summary>A dictionary value given by code or name; returns the code.</summary>
    public string? Dictionary(string header, string category, bool required = false)
    {
        var s = Text(header, required);
        if (s is null) return null;
        if (_ctx.DictionaryCode(category, s) is { } code) return code;
        Error(header, $"「{header}」的值「{s}」不在数据字典中");
        return null;
    }

    public T? Choice<T>(string header, Func<string, T?> parse, string allowed, bool required = false) where T : struct
    {
        var s = Text(header, required);
        if (s is null) return null;
        var v = parse(s);
        if (v is null) Error(header, $"「{header}」的值「{s}」无效，可选：{allowed}");
        return v;
    }
}

/// <summary>What an import sees besides the rows: the database, the user, dictionaries, and cross-row error reporting.</summary>
public sealed class ImportContext(AppDbContext db, CurrentUser user, IReadOnlyDictionary<string, Dictionary<string, string>> dictionaries)
{
    private readonly List<ImportError> _errors = [];

    public AppDbContext Db { get; } = db;
    public CurrentUser User { get; } = user;
    internal List<ImportError> Errors => _errors;

    /// <summary>Phase timings reported with the result (<see cref="ImportReport.Phases"/>).</summary>
    public ImportTimings Timings { get; } = new();

    public void Error(int row, string? column, string message) => _errors.Add(new ImportError(row, column, message));

    public string? DictionaryCode(string category, string codeOrName) =>
        dictionaries.TryGetValue(category, out var map) && map.TryGetValue(codeOrName.Trim(), out var code) ? code : null;

    /// <summary>Progress callback (0–100) set by the service.</summary>
    public Func<int, string?, Task> Progress { get; internal set; } = (_, _) => Task.CompletedTask;
}

public sealed record ParsedRow<TRow>(int Row, TRow Value);

/// <summary>A module's import: its columns, how one row is read, cross-row checks, and the commit.</summary>
public interface IExcelImport
{
    string Key { get; }
    string Title { get; }
    string Permission { get; }
    IReadOnlyList<ImportColumn> Columns { get; }
    IReadOnlyList<string> DictionaryCategories { get; }
    internal Task<(int Total, int Imported, bool Ok)> RunAsync(IEnumerable<IDictionary<string, object?>> rows, ImportContext ctx, int maxRows, CancellationToken ct);
}

public abstract class ExcelImportDefinition<TRow> : IExcelImport where TRow : class
{
    public abstract string Key { get; }
    public abstract string Title { get; }
    public abstract string Permission { get; }
    public abstract IReadOnlyList<ImportColumn> Columns { get; }
    public virtual IReadOnlyList<string> DictionaryCategories => [];

    /// <summary>Reads one row; return null (or record errors on the reader) when it is invalid.</summary>
    protected abstract TRow? Parse(ImportRowReader row, ImportContext ctx);

    /// <summary>Checks across rows and against the database (duplicates, references). Report with <see cref="ImportContext.Error"/>.</summary>
    protected virtual Task ValidateAsync(IReadOnlyList<ParsedRow<TRow>> rows, ImportContext ctx, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Writes every row. Runs inside one transaction: an exception commits nothing.</summary>
    protected abstract Task<int> CommitAsync(IReadOnlyList<ParsedRow<TRow>> rows, ImportContext ctx, CancellationToken ct);

    async Task<(int Total, int Imported, bool Ok)> IExcelImport.RunAsync(IEnumerable<IDictionary<string, object?>> rows, ImportContext ctx, int maxRows, CancellationToken ct)
    {
        var parsed = new List<ParsedRow<TRow>>();
        var rowNumber = 1;
        var total = 0;
        var timings = ctx.Timings;
        var t = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var e = rows.GetEnumerator())
        {
            while (e.MoveNext())
            {
                var cells = e.Current;
                t = timings.Add("read xlsx", t);
                rowNumber++;
                if (ImportRows.IsBlank(cells)) continue;
                total++;
                if (total > maxRows)
                {
                    ImportRows.TooMany(ctx, rowNumber, maxRows);
                    return (total, 0, false);
                }
                var reader = new ImportRowReader(rowNumber, cells, ctx.Errors, ctx);
                var value = Parse(reader, ctx);
                if (value is not null && !reader.HasErrors) parsed.Add(new ParsedRow<TRow>(rowNumber, value));
                if (total % 2000 == 0) await ctx.Progress(Math.Min(40, total / 2500), $"已读取 {total} 行");
                t = timings.Add("parse rows", t);
            }
        }
        t = timings.Add("read xlsx", t);
        if (total == 0)
        {
            ctx.Error(2, null, "文件中没有数据行");
            return (0, 0, false);
        }
        await ctx.Progress(45, $"共 {total} 行，正在校验");
        await ValidateAsync(parsed, ctx, ct);
        t = timings.Add("validate", t);
        if (ctx.Errors.Count > 0) return (total, 0, false);
        await ctx.Progress(60, "校验通过，正在写入");
        var strategy = ctx.Db.Database.CreateExecutionStrategy();
        var imported = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await ctx.Db.Database.BeginTransactionAsync(ct);
            var n = await CommitAsync(parsed, ctx, ct);
            var c = System.Diagnostics.Stopwatch.GetTimestamp();
            ctx.Db.AuditEvent(AuditActions.Import, Title, null, $"{Title}：导入 {n} 行");
            await ctx.Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            timings.Add("audit + commit", c);
            return n;
        });
        return (total, imported, true);
    }
}

/// <summary>The row rules both import runners share.</summary>
internal static class ImportRows
{
    /// <summary>A row with no value in any cell is skipped, not counted.</summary>
    public static bool IsBlank(IDictionary<string, object?> cells) =>
        cells.Values.All(v => v is null || (v is string s && string.IsNullOrWhiteSpace(s)));

    public static void TooMany(ImportContext ctx, int rowNumber, int maxRows) =>
        ctx.Error(rowNumber, null, $"超过单次导入上限 {maxRows} 行，请拆分文件");
}

/// <summary>The writing side of a <see cref="StreamingExcelImportDefinition{TRow}"/>, opened inside the import's transaction.</summary>
public interface IImportWriter<TRow> : IAsyncDisposable where TRow : class
{
    /// <summary>Checks of one parsed row against the rows before it and the database (duplicates, references), reported
    /// with <see cref="ImportContext.Error"/>. Called for every row that parsed, also after an error elsewhere.</summary>
    void Check(ParsedRow<TRow> row);

    /// <summary>Writes one checked row. Only called while the file has no error so far.</summary>
    ValueTask WriteAsync(ParsedRow<TRow> row, CancellationToken ct);

    /// <summary>After the last row, only when the whole file is free of errors: finishes the write (indexes, audit) and returns the count.</summary>
    Task<int> CompleteAsync(CancellationToken ct);
}

/// <summary>
/// A large import that never holds the whole file: inside one transaction it reads, parses, checks and writes row by row
/// (e.g. PostgreSQL binary COPY), and keeps reading after the first bad row only to name every bad row – then rolls
/// everything back. What the checks need from the database is loaded by <see cref="OpenAsync"/> when the transaction starts.
/// Two threads share the work: one reads the sheet (unzip, XML) and parses each row (<see cref="Parse"/> — which may also
/// do a row's own expensive preparation, such as encryption), the import's own checks and writes each parsed row in order.
/// </summary>
public abstract class StreamingExcelImportDefinition<TRow> : IExcelImport where TRow : class
{
    public abstract string Key { get; }
    public abstract string Title { get; }
    public abstract string Permission { get; }
    public abstract IReadOnlyList<ImportColumn> Columns { get; }
    public virtual IReadOnlyList<string> DictionaryCategories => [];

    /// <summary>
    /// Reads one row; return null (or record errors on the reader) when it is invalid. Runs on the reading thread, alongside
    /// the writer: it may use the dictionaries (<see cref="ImportContext.DictionaryCode"/>) and its own thread-safe services,
    /// never <see cref="ImportContext.Db"/> or the writer's state.
    /// </summary>
    protected abstract TRow? Parse(ImportRowReader row, ImportContext ctx);

    /// <summary>Opens the writer inside the import's transaction (load lookups, prepare statements, start a COPY…).</summary>
    protected abstract Task<IImportWriter<TRow>> OpenAsync(ImportContext ctx, CancellationToken ct);

    /// <summary>One row as the reading thread hands it over: parsed (or null), its own errors, or the row that broke the row cap.</summary>
    private sealed record ReadRow(int Row, TRow? Value, ImportError[]? Errors, bool TooMany = false);

    async Task<(int Total, int Imported, bool Ok)> IExcelImport.RunAsync(IEnumerable<IDictionary<string, object?>> rows, ImportContext ctx, int maxRows, CancellationToken ct)
    {
        // No retrying execution strategy here: the rows are read once, so a retry could not replay them.
        var timings = ctx.Timings;
        var t = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var tx = await ctx.Db.Database.BeginTransactionAsync(ct);
        await using var writer = await OpenAsync(ctx, ct);
        t = timings.Add("open (transaction, lookups)", t);
        var total = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var queue = System.Threading.Channels.Channel.CreateBounded<ReadRow>(
            new System.Threading.Channels.BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
        var readTimings = new ImportTimings(); // the reading thread's own (ImportTimings is not thread-safe)
        var reading = Task.Run(async () =>
        {
            try
            {
                var rowNumber = 1;
                var count = 0;
                var errors = new List<ImportError>();
                var r = System.Diagnostics.Stopwatch.GetTimestamp();
                foreach (var cells in rows)
                {
                    r = readTimings.Add("read rows (reading thread)", r);
                    rowNumber++;
                    if (ImportRows.IsBlank(cells)) continue;
                    if (++count > maxRows)
                    {
                        await queue.Writer.WriteAsync(new ReadRow(rowNumber, null, null, TooMany: true), stop.Token);
                        break;
                    }
                    var reader = new ImportRowReader(rowNumber, cells, errors, ctx);
                    var value = Parse(reader, ctx);
                    var item = new ReadRow(rowNumber, reader.HasErrors ? null : value, errors.Count > 0 ? [.. errors] : null);
                    errors.Clear();
                    readTimings.Add("parse rows (reading thread)", r);
                    await queue.Writer.WriteAsync(item, stop.Token);
                    r = System.Diagnostics.Stopwatch.GetTimestamp();
                }
                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(ct))
            {
                t = timings.Add("wait for rows (read and parsed on the other thread)", t);
                total++;
                if (item.TooMany)
                {
                    ImportRows.TooMany(ctx, item.Row, maxRows);
                    return (total, 0, false);
                }
                if (item.Errors is { } errors) ctx.Errors.AddRange(errors);
                if (item.Value is { } value)
                {
                    var row = new ParsedRow<TRow>(item.Row, value);
                    writer.Check(row);
                    t = timings.Add("check rows", t);
                    if (ctx.Errors.Count == 0)
                    {
                        await writer.WriteAsync(row, ct);
                        t = timings.Add("write rows", t);
                    }
                }
                if (total % 2000 == 0)
                {
                    await ctx.Progress(Math.Min(90, total / 1200), $"已读取 {total} 行{(ctx.Errors.Count > 0 ? $"，发现 {ctx.Errors.Count} 处错误" : "")}");
                    t = System.Diagnostics.Stopwatch.GetTimestamp();
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await reading; } catch (OperationCanceledException) { }
            timings.Include(readTimings);
        }
        t = timings.Add("wait for rows (read and parsed on the other thread)", t);
        if (total == 0) ctx.Error(2, null, "文件中没有数据行");
        if (ctx.Errors.Count > 0) return (total, 0, false); // disposing the writer and the transaction rolls everything back
        await ctx.Progress(90, $"共 {total} 行，正在建立索引并提交");
        t = System.Diagnostics.Stopwatch.GetTimestamp();
        var n = await writer.CompleteAsync(ct);
        t = timings.Add("complete (indexes)", t);
        ctx.Db.AuditEvent(AuditActions.Import, Title, null, $"{Title}：导入 {n} 行");
        await ctx.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        timings.Add("audit + commit", t);
        return (total, n, true);
    }
}

/// <summary>
/// The one Excel import/export service: templates, streaming read, per-row validation, all-or-nothing
/// commit, and an error report to download. Large files run as a background job with progress.
/// </summary>
public sealed class ExcelService(AppDbContext db, CurrentUser user, IEnumerable<IExcelImport> imports, FileService files,
    Microsoft.Extensions.Options.IOptions<ExcelOptions> options)
{
    public IExcelImport Find(string key) => imports.FirstOrDefault(i => i.Key == key) ?? throw new NotFoundException("导入类型");

    public byte[] Template(string key)
    {
        var def = Find(key);
        user.Demand(def.Permission);
        var example = new Dictionary<string, object?>();
        foreach (var c in def.Columns) example[c.Header] = c.Example ?? "";
        var help = def.Columns.Select(c => new Dictionary<string, object?>
        {
            ["列名"] = c.Header,
            ["是否必填"] = c.Required ? "必填" : "选填",
            ["说明"] = c.Help ?? "",
            ["示例"] = c.Example ?? "",
        }).ToList();
        var sheets = new Dictionary<string, object>
        {
            ["数据"] = new[] { example },
            ["填写说明"] = help,
        };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }

    /// <summary>Runs an import from a stored upload (called by the job, or directly for small files in tests).</summary>
    public async Task<ImportReport> ImportAsync(string key, Stream xlsx, Func<int, string?, Task>? progress = null, CancellationToken ct = default)
    {
        var def = Find(key);
        user.Demand(def.Permission);
        var dicts = new Dictionary<string, Dictionary<string, string>>();
        foreach (var cat in def.DictionaryCategories)
        {
            var items = await db.DictionaryItems.AsNoTracking().Where(d => d.Category == cat && d.IsActive).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var i in items) { map.TryAdd(i.Code, i.Code); map.TryAdd(i.Name, i.Code); }
            dicts[cat] = map;
        }
        var ctx = new ImportContext(db, user, dicts) { Progress = progress ?? ((_, _) => Task.CompletedTask) };

        XlsxSheetReader sheet;
        try
        {
            var t = System.Diagnostics.Stopwatch.GetTimestamp();
            sheet = XlsxSheetReader.Open(xlsx);
            ctx.Timings.Add("open the sheet (size pass, header)", t);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ImportReport(false, 0, 0, [new ImportError(1, null, "无法读取文件，请上传 .xlsx 格式的 Excel 文件")], null, "无法读取文件");
        }

        (int Total, int Imported, bool Ok) result;
        using (sheet)
        {
            var missing = def.Columns.Where(c => c.Required && !sheet.Headers.Contains(c.Header)).Select(c => c.Header).ToList();
            if (missing.Count > 0)
                return new ImportReport(false, 0, 0, [new ImportError(1, null, $"缺少必填列：{string.Join("、", missing)}。请使用下载的模板")], null, "文件格式不符合模板");
            try
            {
                result = await def.RunAsync(sheet.Rows(), ctx, options.Value.MaxRows, ct);
            }
            catch (DomainException ex)
            {
                ctx.Error(0, null, ex.Message);
                result = (0, 0, false);
            }
        }
        if (result.Ok)
            return new ImportReport(true, result.Total, result.Imported, [], null, $"导入成功：共 {result.Imported} 行") { Phases = ctx.Timings.ToList() };

        db.ChangeTracker.Clear();
        var errors = ctx.Errors.OrderBy(e => e.Row).ToList();
        Guid? reportId = null;
        if (user.UserId is not null)
        {
            xlsx.Position = 0;
            reportId = await WriteErrorReportAsync(def, xlsx, errors, ct);
        }
        var badRows = errors.Select(e => e.Row).Distinct().Count();
        return new ImportReport(false, result.Total, 0, errors.Take(500).ToList(), reportId,
            $"发现 {errors.Count} 处错误（涉及 {badRows} 行），未导入任何数据。请下载错误报告，修改后重新导入")
        { Phases = ctx.Timings.ToList() };
    }

    private async Task<Guid> WriteErrorReportAsync(IExcelImport def, Stream xlsx, List<ImportError> errors, CancellationToken ct)
    {
        var byRow = errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join("；", g.Select(e => e.Message)));
        var report = new List<Dictionary<string, object?>>();
        var general = errors.Where(e => e.Row <= 1).Select(e => e.Message).ToList();
        if (general.Count > 0) report.Add(new Dictionary<string, object?> { ["行号"] = 1, ["错误说明"] = string.Join("；", general) });
        var rowNumber = 1;
        using var sheet = XlsxSheetReader.Open(xlsx);
        foreach (var cells in sheet.Rows())
        {
            rowNumber++;
            if (!byRow.TryGetValue(rowNumber, out var msg)) continue;
            var r = new Dictionary<string, object?> { ["行号"] = rowNumber, ["错误说明"] = msg };
            foreach (var c in def.Columns) r[c.Header] = ExcelExport.Neutralise(cells.TryGetValue(c.Header, out var v) ? v : null);
            report.Add(r);
            if (report.Count > 100_000) break;
        }
        using var ms = new MemoryStream();
        ms.SaveAs(report, sheetName: "错误报告");
        ms.Position = 0;
        var file = await files.UploadAsync(ms, $"{def.Title}-错误报告.xlsx", null, purpose: "ImportErrorReport", maxBytes: long.MaxValue, ct: ct);
        return file.Id;
    }
}

/// <summary>Configuration section <c>Kexie:Excel</c>.</summary>
public sealed class ExcelOptions
{
    public const string Section = "Kexie:Excel";
    public int MaxRows { get; set; } = 100_000;
}

/// <summary>Excel export with formula-injection neutralised (cells starting with = + - @ are prefixed with ').</summary>
public static class ExcelExport
{
    public static object? Neutralise(object? v) =>
        v is string s && s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : v;

    public static byte[] ToXlsx(IEnumerable<IReadOnlyDictionary<string, object?>> rows, string sheetName = "数据")
    {
        using var ms = new MemoryStream();
        var safe = rows.Select(r => r.ToDictionary(k => k.Key, k => Neutralise(k.Value)));
        ms.SaveAs(safe, sheetName: sheetName);
        return ms.ToArray();
    }

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>The job that runs an uploaded import with progress.</summary>
internal sealed class ExcelImportJob(ExcelService excel, FileService files) : IJobHandler
{
    public const string TypeName = "excel-import";
    public string Type => TypeName;

    public sealed record Args(string Key, Guid FileId);

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken ct)
    {
        var args = run.Args<Args>();
        var opened = await files.OpenAsync(args.FileId, ct) ?? throw new NotFoundException("上传的文件");
        await using var content = opened.Content;
        // A seekable copy: the sheet is read again for the error report.
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var progress = new LatestProgress(run.ReportAsync);
        var report = await excel.ImportAsync(args.Key, buffer, progress.Report, ct);
        await progress.DrainAsync();
        return new JobOutcome(report.Succeeded, report.Message, report, report.ErrorReportFileId);
    }

    /// <summary>
    /// Progress written in the background, latest value wins: the import never waits for it. On SQLite the job row cannot be
    /// written while the import holds the database's write lock (the whole streaming import), so there the progress shows
    /// when the lock is released; a report that fails is dropped (the next one or the outcome follows).
    /// </summary>
    internal sealed class LatestProgress(Func<int, string?, Task> report)
    {
        private readonly Lock _lock = new();
        private (int Percent, string? Message)? _pending;
        private Task _flushing = Task.CompletedTask;

        public Task Report(int percent, string? message)
        {
            lock (_lock)
            {
                _pending = (percent, message);
                if (_flushing.IsCompleted) _flushing = Task.Run(FlushAsync);
            }
            return Task.CompletedTask;
        }

        /// <summary>Waits until the latest report has been written (or dropped).</summary>
        public async Task DrainAsync()
        {
            while (true)
            {
                Task flushing;
                lock (_lock)
                {
                    if (_flushing.IsCompleted)
                    {
                        if (_pending is null) return;
                        _flushing = Task.Run(FlushAsync);
                    }
                    flushing = _flushing;
                }
                await flushing;
            }
        }

        private async Task FlushAsync()
        {
            while (true)
            {
                (int Percent, string? Message) next;
                lock (_lock)
                {
                    if (_pending is not { } p) return;
                    next = p;
                    _pending = null;
                }
                try
                {
                    await report(next.Percent, next.Message);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // dropped: progress is advisory
                }
            }
        }
    }
}
