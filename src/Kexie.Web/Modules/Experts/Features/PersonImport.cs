using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Dicts = Kexie.Web.Platform.Dictionaries.DictionaryCategories;

namespace Kexie.Web.Modules.Experts.Features;

public sealed record ImportPerson(string Name, string? Gender, string IdNumber, string Phone, string Employer, string? Title, string? Education,
    string? Discipline, string? Industry, string? Region, string? Political, string? Expertise, string? Keywords, string? Bio, string? Honours,
    string? OrganisationName, DateOnly? BirthDate);

/// <summary>
/// Excel import of 科技工作者 (up to 100,000 rows): per-row checks (ID checksum and birth date, phone, dictionary codes),
/// duplicates within the file and against the whole registry (ID number; name + phone), all or nothing. Rows are
/// written with PostgreSQL binary COPY, or batched prepared inserts on SQLite, inside the import's transaction;
/// the search index follows (PostgreSQL: GIN rebuilt after a large batch; SQLite: FTS5 filled in one statement).
/// Audit: one import event with the row count and a SHA-256 fingerprint of the imported ids — not one audit row per
/// person: 100,000 hash-chained rows would be appended one by one under the chain lock and multiply the import time,
/// while every later change of each record is audited individually as usual.
/// </summary>
public sealed class PersonImport(PersonPrivacy privacy) : ExcelImportDefinition<ImportPerson>
{
    public override string Key => "experts";
    public override string Title => "科技工作者导入";
    public override string Permission => ExpertPermissions.Import;

    public override IReadOnlyList<string> DictionaryCategories =>
        [Dicts.Title, Dicts.Education, Dicts.Discipline, Dicts.Industry, Dicts.PoliticalStatus];

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("姓名", true, "张三"),
        new("性别", false, "男", "男/女；空则按身份证号"),
        new("身份证号", true, "610102199001011234", "18位，校验位和出生日期须正确"),
        new("手机号", true, "13800001234"),
        new("工作单位", true, "示范市农业科学研究院"),
        new("职称", false, "正高级", "数据字典「职称」的名称或代码"),
        new("学历", false, "博士研究生"),
        new("学科", false, "210", "GB/T 13745 学科代码或名称"),
        new("行业", false, "A", "GB/T 4754 门类"),
        new("行政区划", false, "619902", "6位或9位代码"),
        new("政治面貌", false, "中共党员"),
        new("专业领域代码", false, "210,230", "多个用逗号分隔"),
        new("关键词", false, "水稻育种、杂交水稻", "多个用顿号分隔"),
        new("简介", false, ""),
        new("荣誉", false, ""),
        new("所属组织", false, "", "组织全称；空则为导入人所在组织"),
    ];

    protected override ImportPerson? Parse(ImportRowReader row, ImportContext ctx)
    {
        var name = row.Text("姓名", required: true, maxLength: Lengths.Name);
        var gender = row.Text("性别", maxLength: 4);
        if (gender is not null and not ("男" or "女")) row.Error("性别", "「性别」只能填写「男」或「女」");
        var idRaw = row.Text("身份证号", required: true, maxLength: 40);
        DateOnly? birth = null;
        string? id = null;
        if (idRaw is not null)
        {
            var r = Platform.Privacy.ChineseIdNumber.Validate(idRaw, privacy.Today);
            if (!r.IsValid) row.Error("身份证号", $"身份证号「{Platform.Privacy.Mask.IdNumber(idRaw)}」不正确：{r.Error}");
            else (id, birth) = (r.Normalized, r.BirthDate);
        }
        var phoneRaw = row.Text("手机号", required: true, maxLength: 40);
        string? phone = null;
        if (phoneRaw is not null)
        {
            var r = Platform.Privacy.ChinesePhone.Validate(phoneRaw);
            if (!r.IsValid) row.Error("手机号", r.Error ?? Platform.Privacy.ChinesePhone.PhoneError);
            else phone = r.Normalized;
        }
        var employer = row.Text("工作单位", required: true);
        var title = row.Dictionary("职称", Dicts.Title);
        var education = row.Dictionary("学历", Dicts.Education);
        var discipline = row.Dictionary("学科", Dicts.Discipline);
        var industry = row.Dictionary("行业", Dicts.Industry);
        var region = row.Text("行政区划", maxLength: 12);
        if (region is not null && !System.Text.RegularExpressions.Regex.IsMatch(region, @"^\d{6}(\d{3})?$")) row.Error("行政区划", "「行政区划」应为6位或9位数字");
        var political = row.Dictionary("政治面貌", Dicts.PoliticalStatus);
        var expertise = row.Text("专业领域代码", maxLength: Lengths.LongName);
        foreach (var code in Person.Split(expertise))
            if (ctx.DictionaryCode(Dicts.Discipline, code) is null) row.Error("专业领域代码", $"学科代码「{code}」不在数据字典中");
        var keywords = row.Text("关键词", maxLength: Lengths.Text);
        var bio = row.Text("简介", maxLength: Lengths.Text);
        var honours = row.Text("荣誉", maxLength: Lengths.Text);
        var org = row.Text("所属组织");
        if (row.HasErrors || name is null || id is null || phone is null || employer is null) return null;
        return new ImportPerson(name, gender, id, phone, employer, title, education, discipline, industry, region, political, expertise, keywords, bio, honours, org, birth);
    }

    protected override async Task ValidateAsync(IReadOnlyList<ParsedRow<ImportPerson>> rows, ImportContext ctx, CancellationToken ct)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var byNamePhone = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!byId.TryAdd(r.Value.IdNumber, r.Row)) ctx.Error(r.Row, "身份证号", $"身份证号与第 {byId[r.Value.IdNumber]} 行重复");
            var key = r.Value.Name + "|" + r.Value.Phone;
            if (!byNamePhone.TryAdd(key, r.Row)) ctx.Error(r.Row, "手机号", $"姓名和手机号与第 {byNamePhone[key]} 行相同，疑似同一人");
        }
        await ctx.Progress(50, "正在与已登记人员比对");
        // Against the whole registry (not only the importer's scope): an ID number is unique city-wide.
        var idIndexes = (await ctx.Db.AllPeople().Where(p => p.IdNumberIndex != null).Select(p => p.IdNumberIndex!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var namePhones = (await ctx.Db.AllPeople().Where(p => p.PhoneIndex != null && p.Status != PersonStatus.Merged).Select(p => p.Name + "|" + p.PhoneIndex).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (idIndexes.Contains(privacy.IdIndex(r.Value.IdNumber))) ctx.Error(r.Row, "身份证号", "该身份证号已在科技工作者库中登记");
            else if (namePhones.Contains(r.Value.Name + "|" + privacy.PhoneIndex(r.Value.Phone))) ctx.Error(r.Row, "手机号", "姓名和手机号与已登记人员相同，疑似同一人");
        }
        var orgNames = rows.Select(r => r.Value.OrganisationName).Where(n => n is not null).Distinct().ToList();
        if (orgNames.Count > 0)
        {
            var known = (await ctx.Db.Organisations.Where(o => orgNames.Contains(o.Name) && o.IsActive).Select(o => o.Name).ToListAsync(ct)).ToHashSet();
            foreach (var r in rows.Where(r => r.Value.OrganisationName is { } n && !known.Contains(n)))
                ctx.Error(r.Row, "所属组织", $"组织「{r.Value.OrganisationName}」不存在或不在您的管理范围内");
        }
        else if (ctx.User.OrganisationId is null && !ctx.User.IsSystem)
        {
            ctx.Error(1, "所属组织", "您的账号不属于任何组织，请在「所属组织」列填写组织全称");
        }
    }

    protected override async Task<int> CommitAsync(IReadOnlyList<ParsedRow<ImportPerson>> rows, ImportContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var orgNames = rows.Select(r => r.Value.OrganisationName).Where(n => n is not null).Distinct().ToList();
        // Scoped query: only organisations within the importer's scope resolve (the write-scope check of a bulk insert).
        var orgs = await db.Organisations.Where(o => orgNames.Contains(o.Name) && o.IsActive).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var orgByName = orgs.GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Id);
        var defaultOrg = ctx.User.OrganisationId ?? (ctx.User.IsSystem ? await db.Organisations.Where(o => o.ParentId == null).Select(o => o.Id).FirstAsync(ct) : Guid.Empty);
        var now = db.UtcNow;
        var people = new List<Person>(rows.Count);
        var i = 0;
        foreach (var r in rows)
        {
            var v = r.Value;
            var p = new Person
            {
                OrganisationId = v.OrganisationName is { } n ? orgByName[n] : defaultOrg,
                Name = v.Name,
                Gender = v.Gender ?? (int.Parse(v.IdNumber.AsSpan(16, 1), provider: null) % 2 == 1 ? "男" : "女"),
                BirthYear = v.BirthDate?.Year,
                Employer = v.Employer,
                Title = v.Title,
                Education = v.Education,
                DisciplineCode = v.Discipline,
                IndustryCode = v.Industry,
                RegionCode = v.Region,
                PoliticalStatus = v.Political,
                Honours = v.Honours,
                ExpertiseCodes = Person.Split(v.Expertise) is { Count: > 0 } c ? string.Join(',', c.Distinct()) : null,
                Keywords = Person.Split(v.Keywords) is { Count: > 0 } k ? string.Join('、', k.Distinct()) : null,
                Bio = v.Bio,
                Source = PersonSource.Imported,
                Status = PersonStatus.Confirmed,
                CreatedAt = now,
                UpdatedAt = now,
            };
            privacy.SetIdNumber(p, v.IdNumber);
            privacy.SetPhone(p, v.Phone);
            p.RefreshSearchTokens();
            people.Add(p);
            if (++i % 5000 == 0) await ctx.Progress(60 + (i * 20 / rows.Count), $"已处理 {i} 行");
        }
        await ctx.Progress(80, "正在写入数据库");
        var tx = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("import runs inside a transaction");
        if (db.Provider == DatabaseProvider.Postgres) await CopyPostgresAsync(db, people, ct);
        else await InsertSqliteAsync(db.Database.GetDbConnection(), tx, people, ct);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', people.Select(p => p.Id.ToString("N"))))));
        db.AuditEvent(AuditActions.Import, "科技工作者", null, $"Excel 导入科技工作者 {people.Count} 人（来源：{Source()}，编号指纹 {fingerprint[..16]}）", ctx.User.OrganisationId,
            System.Text.Json.JsonSerializer.Serialize(new { count = people.Count, fingerprint, first = people[0].Id, last = people[^1].Id }));
        return people.Count;

        static string Source() => "Excel";
    }

    private static readonly (string Column, NpgsqlDbType Type, Func<Person, object?> Get)[] ColumnMap =
    [
        ("id", NpgsqlDbType.Uuid, p => p.Id),
        ("created_at", NpgsqlDbType.TimestampTz, p => p.CreatedAt),
        ("updated_at", NpgsqlDbType.TimestampTz, p => p.UpdatedAt),
        ("organisation_id", NpgsqlDbType.Uuid, p => p.OrganisationId),
        ("owner_user_id", NpgsqlDbType.Uuid, p => p.OwnerUserId),
        ("version", NpgsqlDbType.Integer, p => p.Version),
        ("name", NpgsqlDbType.Varchar, p => p.Name),
        ("gender", NpgsqlDbType.Varchar, p => p.Gender),
        ("birth_year", NpgsqlDbType.Integer, p => p.BirthYear),
        ("id_number_cipher", NpgsqlDbType.Varchar, p => p.IdNumberCipher),
        ("id_number_index", NpgsqlDbType.Varchar, p => p.IdNumberIndex),
        ("id_number_masked", NpgsqlDbType.Varchar, p => p.IdNumberMasked),
        ("phone_cipher", NpgsqlDbType.Varchar, p => p.PhoneCipher),
        ("phone_index", NpgsqlDbType.Varchar, p => p.PhoneIndex),
        ("phone_masked", NpgsqlDbType.Varchar, p => p.PhoneMasked),
        ("employer", NpgsqlDbType.Varchar, p => p.Employer),
        ("title", NpgsqlDbType.Varchar, p => p.Title),
        ("education", NpgsqlDbType.Varchar, p => p.Education),
        ("discipline_code", NpgsqlDbType.Varchar, p => p.DisciplineCode),
        ("industry_code", NpgsqlDbType.Varchar, p => p.IndustryCode),
        ("region_code", NpgsqlDbType.Varchar, p => p.RegionCode),
        ("political_status", NpgsqlDbType.Varchar, p => p.PoliticalStatus),
        ("honours", NpgsqlDbType.Varchar, p => p.Honours),
        ("source", NpgsqlDbType.Varchar, p => p.Source.ToString()),
        ("status", NpgsqlDbType.Varchar, p => p.Status.ToString()),
        ("status_reason", NpgsqlDbType.Varchar, p => p.StatusReason),
        ("merged_into_id", NpgsqlDbType.Uuid, p => p.MergedIntoId),
        ("pool_status", NpgsqlDbType.Varchar, p => p.PoolStatus.ToString()),
        ("pool_reason", NpgsqlDbType.Varchar, p => p.PoolReason),
        ("admitted_at", NpgsqlDbType.TimestampTz, p => p.AdmittedAt),
        ("expertise_codes", NpgsqlDbType.Varchar, p => p.ExpertiseCodes),
        ("keywords", NpgsqlDbType.Varchar, p => p.Keywords),
        ("bio", NpgsqlDbType.Varchar, p => p.Bio),
        ("availability", NpgsqlDbType.Varchar, p => p.Availability.ToString()),
        ("search_tokens", NpgsqlDbType.Text, p => p.SearchTokens),
    ];

    internal static string ColumnList => string.Join(", ", ColumnMap.Select(c => c.Column));

    /// <summary>
    /// When the PostgreSQL import rebuilds the search index (rows imported, rows already in the table): at least 10,000 rows
    /// and at least a quarter of the table. Settable for tests only.
    /// </summary>
    internal static Func<int, int, bool> RebuildIndex { get; set; } = (rows, existing) => rows >= 10_000 && (long)rows * 4 >= existing;

    /// <summary>The GIN search index (migration Experts); the PostgreSQL import may rebuild it.</summary>
    public const string PostgresSearchIndex = "CREATE INDEX ix_exp_people_search ON exp_people USING GIN (to_tsvector('simple', search_tokens))";

    /// <summary>The GIN index of name tokens (migration ExpertsNameTokens); rebuilt with the search index.</summary>
    public const string PostgresNameIndex = "CREATE INDEX ix_exp_people_name_tokens ON exp_people USING GIN (exp_name_tokens(name))";

    /// <summary>
    /// PostgreSQL: maintaining the GIN index row by row costs ~3× the COPY itself (100,000 rows measured 44 s with the live
    /// index against ~10 s + a few seconds to build it afterwards). A large batch therefore drops the index inside the import's
    /// transaction, copies and recreates it before the commit (with more memory for the build). The price: DROP INDEX locks
    /// exp_people for the rest of the transaction, so other sessions wait for the import to commit (seconds); small imports
    /// keep the index and lock nothing. A failure rolls everything back, the index included.
    /// </summary>
    internal static async Task CopyPostgresAsync(AppDbContext db, IReadOnlyList<Person> people, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var existing = await db.AllPeople().CountAsync(ct);
        var rebuild = RebuildIndex(people.Count, existing);
        if (rebuild)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL maintenance_work_mem = '256MB'", ct);
            await db.Database.ExecuteSqlRawAsync("DROP INDEX IF EXISTS ix_exp_people_search", ct);
            await db.Database.ExecuteSqlRawAsync("DROP INDEX IF EXISTS ix_exp_people_name_tokens", ct);
        }
        await CopyAsync(conn, people, ct);
        if (rebuild)
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync(PostgresSearchIndex, ct);
            await db.Database.ExecuteSqlRawAsync(PostgresNameIndex, ct);
            await db.Database.ExecuteSqlRawAsync("ANALYZE exp_people", ct);
        }
    }

    /// <summary>PostgreSQL binary COPY on the import's connection: it runs inside the transaction already open on it.</summary>
    internal static async Task CopyAsync(NpgsqlConnection conn, IReadOnlyList<Person> people, CancellationToken ct)
    {
        await using var writer = await conn.BeginBinaryImportAsync($"COPY {PersonConfiguration.Table} ({ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var p in people)
        {
            await writer.StartRowAsync(ct);
            foreach (var (_, type, get) in ColumnMap)
            {
                var v = get(p);
                if (v is null) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(v, type, ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>The FTS5 insert trigger of exp_people (migration ExpertsSearchPerf); the SQLite import drops and recreates it.</summary>
    public const string SqliteInsertTrigger =
        "CREATE TRIGGER exp_people_fts_ai AFTER INSERT ON exp_people BEGIN INSERT INTO exp_people_fts(rowid, search_tokens) VALUES (new.rowid, new.search_tokens); END";

    /// <summary>
    /// SQLite: inside the import's transaction (SQLite DDL is transactional, and the write lock is held from the first
    /// statement to the commit, so no other writer can slip in untracked), drop the per-row FTS5 trigger, insert the rows,
    /// index the new rowids in one INSERT … SELECT and recreate the trigger. A failure rolls all of it back.
    /// </summary>
    internal static async Task InsertSqliteAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<Person> people, CancellationToken ct)
    {
        async Task ExecAsync(string sql)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var max = conn.CreateCommand())
        {
            max.Transaction = tx;
            max.CommandText = $"SELECT coalesce(max(rowid), 0) FROM {PersonConfiguration.Table}";
            var before = Convert.ToInt64(await max.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            await ExecAsync("DROP TRIGGER IF EXISTS exp_people_fts_ai");
            await InsertBatchedAsync(conn, tx, people, ct);
            await ExecAsync($"INSERT INTO exp_people_fts(rowid, search_tokens) SELECT rowid, search_tokens FROM {PersonConfiguration.Table} WHERE rowid > {before}");
            await ExecAsync(SqliteInsertTrigger);
        }
    }

    /// <summary>SQLite: one prepared INSERT reused for every row, in the import's transaction.</summary>
    internal static async Task InsertBatchedAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<Person> people, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {PersonConfiguration.Table} ({ColumnList}) VALUES ({string.Join(", ", ColumnMap.Select((_, i) => "$p" + i))})";
        var parameters = ColumnMap.Select((_, i) =>
        {
            var prm = cmd.CreateParameter();
            prm.ParameterName = "$p" + i;
            cmd.Parameters.Add(prm);
            return prm;
        }).ToArray();
        await cmd.PrepareAsync(ct);
        foreach (var p in people)
        {
            for (var i = 0; i < ColumnMap.Length; i++)
            {
                parameters[i].Value = ColumnMap[i].Get(p) switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
                    var o => o,
                };
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
