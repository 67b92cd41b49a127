using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Kexie.Web.Modules.Experts.Data;
using Kexie.Web.Modules.Experts.Domain;
using Kexie.Web.Platform.Audit;
using Kexie.Web.Platform.Data;
using Kexie.Web.Platform.Excel;
using Kexie.Web.Platform.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Dicts = Kexie.Web.Platform.Dictionaries.DictionaryCategories;

namespace Kexie.Web.Modules.Experts.Features;

/// <summary>
/// One parsed row: the person ready to write (encrypted and masked; organisation, timestamps and search tokens are set by
/// the writer), the normalised phone for the in-file duplicate check, and the organisation named in the row.
/// </summary>
public sealed record ImportPerson(Person Person, string Phone, string? OrganisationName);

/// <summary>
/// Excel import of 科技工作者 (up to 100,000 rows), streamed: inside one transaction every row is read, checked (ID checksum and
/// birth date, phone, dictionary codes; duplicates within the file and against the whole registry by blind index — ID
/// number, name + phone; the organisation) and written at once — PostgreSQL binary COPY, or one prepared INSERT on SQLite —
/// so neither the sheet nor 100,000 entities are ever held in memory. A bad row stops the writing but not the reading: every
/// bad row is named, then the transaction rolls back and nothing is committed. The search index follows the rows
/// (PostgreSQL: the token vector sent ready-made in the COPY, GIN rebuilt after a large batch; SQLite: FTS5 filled in one
/// statement). Audit: one import event with the row count and a SHA-256 fingerprint of the imported ids — not one audit
/// row per person: 100,000 hash-chained rows would be appended one by one under the chain lock and multiply the import time,
/// while every later change of each record is audited individually as usual.
/// </summary>
public sealed class PersonImport(PersonPrivacy privacy) : StreamingExcelImportDefinition<ImportPerson>
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
        // The row's own preparation (encryption, masks) happens here, on the reading thread, while the writer copies the rows before it.
        var p = new Person
        {
            Name = name,
            Gender = gender ?? (int.Parse(id.AsSpan(16, 1), provider: null) % 2 == 1 ? "男" : "女"),
            BirthYear = birth?.Year,
            Employer = employer,
            Title = title,
            Education = education,
            DisciplineCode = discipline,
            IndustryCode = industry,
            RegionCode = region,
            PoliticalStatus = political,
            Honours = honours,
            ExpertiseCodes = Person.Split(expertise) is { Count: > 0 } c ? string.Join(',', c.Distinct()) : null,
            Keywords = Person.Split(keywords) is { Count: > 0 } k ? string.Join('、', k.Distinct()) : null,
            Bio = bio,
            Source = PersonSource.Imported,
            Status = PersonStatus.Confirmed,
        };
        privacy.SetIdNumber(p, id);
        privacy.SetPhone(p, phone);
        return new ImportPerson(p, phone, org);
    }

    protected override async Task<IImportWriter<ImportPerson>> OpenAsync(ImportContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        await ctx.Progress(1, "正在读取已登记人员");
        // Against the whole registry (not only the importer's scope): an ID number is unique city-wide. Loaded inside the
        // import's transaction, before the first row is written; the unique index on the ID blind index backs it up.
        var idIndexes = (await db.AllPeople().Where(p => p.IdNumberIndex != null).Select(p => p.IdNumberIndex!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var namePhones = (await db.AllPeople().Where(p => p.PhoneIndex != null && p.Status != PersonStatus.Merged).Select(p => p.Name + "|" + p.PhoneIndex).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        // Scoped query: only organisations within the importer's scope resolve (the write-scope check of a bulk insert).
        var orgs = await db.Organisations.Where(o => o.IsActive).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var orgByName = orgs.GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var defaultOrg = ctx.User.OrganisationId ?? (ctx.User.IsSystem ? await db.Organisations.Where(o => o.ParentId == null).Select(o => (Guid?)o.Id).FirstAsync(ct) : null);
        var lookups = new Lookups(idIndexes, namePhones, orgByName, defaultOrg);
        if (db.Provider == DatabaseProvider.Postgres) return new PostgresWriter(ctx, lookups, await db.AllPeople().CountAsync(ct));
        return new SqliteWriter(ctx, lookups);
    }

    private sealed record Lookups(HashSet<string> IdIndexes, HashSet<string> NamePhones, Dictionary<string, Guid> OrgByName, Guid? DefaultOrg);

    /// <summary>Checks and writes the rows of one import; the subclasses put them into the database.</summary>
    private abstract class PersonWriter(ImportContext ctx, Lookups lookups) : IImportWriter<ImportPerson>
    {
        private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byNamePhone = new(StringComparer.Ordinal);
        private readonly List<ImportPerson> _pending = [];
        private readonly IncrementalHash _fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly DateTime _now = ctx.Db.UtcNow;
        private bool _started;
        private bool _noOrgReported;
        private Guid _first;
        private Guid _last;

        protected ImportContext Ctx { get; } = ctx;
        protected int Count { get; private set; }

        public void Check(ParsedRow<ImportPerson> row)
        {
            var v = row.Value;
            var p = v.Person;
            var idIndex = p.IdNumberIndex!;
            if (!_byId.TryAdd(idIndex, row.Row)) Ctx.Error(row.Row, "身份证号", $"身份证号与第 {_byId[idIndex]} 行重复");
            var key = p.Name + "|" + v.Phone;
            if (!_byNamePhone.TryAdd(key, row.Row)) Ctx.Error(row.Row, "手机号", $"姓名和手机号与第 {_byNamePhone[key]} 行相同，疑似同一人");
            if (lookups.IdIndexes.Contains(idIndex)) Ctx.Error(row.Row, "身份证号", "该身份证号已在科技工作者库中登记");
            else if (lookups.NamePhones.Contains(p.Name + "|" + p.PhoneIndex)) Ctx.Error(row.Row, "手机号", "姓名和手机号与已登记人员相同，疑似同一人");
            if (v.OrganisationName is { } n)
            {
                if (!lookups.OrgByName.ContainsKey(n)) Ctx.Error(row.Row, "所属组织", $"组织「{n}」不存在或不在您的管理范围内");
            }
            else if (lookups.DefaultOrg is null && !_noOrgReported)
            {
                _noOrgReported = true;
                Ctx.Error(1, "所属组织", "您的账号不属于任何组织，请在「所属组织」列填写组织全称");
            }
        }

        public async ValueTask WriteAsync(ParsedRow<ImportPerson> row, CancellationToken ct)
        {
            if (_started)
            {
                await WriteOneAsync(row.Value, ct);
                return;
            }
            _pending.Add(row.Value);
            if (!await TryStartAsync(_pending.Count, final: false, ct)) return;
            await StartAndFlushAsync(ct);
        }

        private async Task StartAndFlushAsync(CancellationToken ct)
        {
            _started = true;
            foreach (var v in _pending) await WriteOneAsync(v, ct);
            _pending.Clear();
            _pending.TrimExcess();
        }

        public async Task<int> CompleteAsync(CancellationToken ct)
        {
            if (!_started)
            {
                await TryStartAsync(_pending.Count, final: true, ct);
                await StartAndFlushAsync(ct);
            }
            await FinishAsync(ct);
            var fingerprint = Convert.ToHexStringLower(_fingerprint.GetHashAndReset());
            Ctx.Db.AuditEvent(AuditActions.Import, "科技工作者", null, $"Excel 导入科技工作者 {Count} 人（来源：Excel，编号指纹 {fingerprint[..16]}）", Ctx.User.OrganisationId,
                System.Text.Json.JsonSerializer.Serialize(new { count = Count, fingerprint, first = _first, last = _last }));
            return Count;
        }

        private async Task WriteOneAsync(ImportPerson v, CancellationToken ct)
        {
            var p = v.Person;
            p.OrganisationId = v.OrganisationName is { } n ? lookups.OrgByName[n] : lookups.DefaultOrg!.Value;
            p.CreatedAt = p.UpdatedAt = _now;
            p.RefreshSearchTokens(); // here rather than in Parse: it balances the two threads (the reading one is the busier)
            await WriteRowAsync(p, ct);
            if (Count > 0) _fingerprint.AppendData(","u8);
            Span<byte> id = stackalloc byte[32];
            p.Id.TryFormat(id, out _, "N");
            _fingerprint.AppendData(id);
            if (Count == 0) _first = p.Id;
            _last = p.Id;
            Count++;
        }

        /// <summary>Whether writing can start with this many rows read (buffered until then); <paramref name="final"/>: no more rows.</summary>
        protected abstract Task<bool> TryStartAsync(int rows, bool final, CancellationToken ct);

        protected abstract ValueTask WriteRowAsync(Person p, CancellationToken ct);

        protected abstract Task FinishAsync(CancellationToken ct);

        public virtual ValueTask DisposeAsync()
        {
            _fingerprint.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// One column of the import's INSERT/COPY: the value for SQLite's parameters, and a typed write into the PostgreSQL COPY
    /// (a <c>Write&lt;object&gt;</c> resolves the converter from the value's runtime type on every call: most of the COPY's client time).
    /// </summary>
    private sealed record PersonColumn(string Column, Func<Person, object?> Get, Func<NpgsqlBinaryImporter, Person, CancellationToken, Task> Copy);

    private static PersonColumn Text(string column, Func<Person, string?> get, NpgsqlDbType type = NpgsqlDbType.Varchar) =>
        new(column, get, (w, p, ct) => get(p) is { } v ? w.WriteAsync(v, type, ct) : w.WriteNullAsync(ct));

    private static PersonColumn Value<T>(string column, NpgsqlDbType type, Func<Person, T?> get) where T : struct =>
        new(column, p => get(p), (w, p, ct) => get(p) is { } v ? w.WriteAsync(v, type, ct) : w.WriteNullAsync(ct));

    /// <summary>
    /// The columns an imported person fills. Left out, so NULL: owner_user_id, status_reason, merged_into_id, pool_reason and
    /// admitted_at — an imported person has no account, is confirmed, not merged and not in the pool yet (fewer fields per
    /// COPY row; the import test checks the status of what it wrote).
    /// </summary>
    private static readonly PersonColumn[] ColumnMap =
    [
        Value<Guid>("id", NpgsqlDbType.Uuid, p => p.Id),
        Value<DateTime>("created_at", NpgsqlDbType.TimestampTz, p => p.CreatedAt),
        Value<DateTime>("updated_at", NpgsqlDbType.TimestampTz, p => p.UpdatedAt),
        Value<Guid>("organisation_id", NpgsqlDbType.Uuid, p => p.OrganisationId),
        Value<int>("version", NpgsqlDbType.Integer, p => p.Version),
        Text("name", p => p.Name),
        Text("gender", p => p.Gender),
        Value("birth_year", NpgsqlDbType.Integer, p => p.BirthYear),
        Text("id_number_cipher", p => p.IdNumberCipher),
        Text("id_number_index", p => p.IdNumberIndex),
        Text("id_number_masked", p => p.IdNumberMasked),
        Text("phone_cipher", p => p.PhoneCipher),
        Text("phone_index", p => p.PhoneIndex),
        Text("phone_masked", p => p.PhoneMasked),
        Text("employer", p => p.Employer),
        Text("title", p => p.Title),
        Text("education", p => p.Education),
        Text("discipline_code", p => p.DisciplineCode),
        Text("industry_code", p => p.IndustryCode),
        Text("region_code", p => p.RegionCode),
        Text("political_status", p => p.PoliticalStatus),
        Text("honours", p => p.Honours),
        Text("source", p => p.Source.ToString()),
        Text("status", p => p.Status.ToString()),
        Text("pool_status", p => p.PoolStatus.ToString()),
        Text("expertise_codes", p => p.ExpertiseCodes),
        Text("keywords", p => p.Keywords),
        Text("bio", p => p.Bio),
        Text("availability", p => p.Availability.ToString()),
        Text("search_tokens", p => p.SearchTokens, NpgsqlDbType.Text),
    ];

    internal static string ColumnList => string.Join(", ", ColumnMap.Select(c => c.Column));

    /// <summary>
    /// When the PostgreSQL import rebuilds the search index (rows imported, rows already in the table): at least 10,000 rows
    /// and at least a quarter of the table. Settable for tests only.
    /// </summary>
    internal static Func<int, int, bool> RebuildIndex { get; set; } = (rows, existing) => rows >= 10_000 && (long)rows * 4 >= existing;

    /// <summary>Rows read before the PostgreSQL writer decides whether to rebuild the GIN indexes (see <see cref="RebuildIndex"/>). Settable for tests only.</summary>
    internal static int RebuildDecisionRows { get; set; } = 10_000;

    /// <summary>
    /// PostgreSQL: binary COPY on the import's connection, inside its transaction, row by row as the file is read (the server
    /// takes the rows in while the next ones are parsed and encrypted). Each row carries its <c>search_vector</c> ready-made
    /// (<see cref="TsVectorBinary"/>): the server parses no text, which was most of the GIN index's cost
    /// (<c>to_tsvector</c> over ~850 characters of tokens per person). Maintaining the GIN index row by row still costs a
    /// multiple of building it afterwards, so a large batch (<see cref="RebuildIndex"/>: decided once
    /// <see cref="RebuildDecisionRows"/> rows — or a quarter of the table — have been read; rows are held until then) drops
    /// every index but the primary key inside the transaction (both GIN indexes and the btrees: the server, not the client,
    /// was the bottleneck of the COPY), copies and recreates them from their catalogue definitions before the commit (with
    /// more memory for the build), and drops the foreign keys too, re-adding them at the end (one validating join instead of a
    /// per-row check fired after the COPY). The unique index on the ID blind index is recreated too: the checks have excluded
    /// duplicates, and a row that slipped in meanwhile makes the build fail and the import roll back.
    /// The price: DROP INDEX locks exp_people for the rest of the transaction, so other sessions wait for the import to commit
    /// (seconds; re-adding the foreign key also holds off writes to org_organisations for the last second); small imports keep
    /// the indexes and constraints and lock nothing. A failure rolls everything back, the indexes included.
    /// </summary>
    private sealed class PostgresWriter(ImportContext ctx, Lookups lookups, int existing) : PersonWriter(ctx, lookups)
    {
        private NpgsqlBinaryImporter? _copy;
        private bool _rebuild;
        private readonly List<(string Name, string Definition)> _indexes = [];
        private readonly List<(string Name, string Definition)> _foreignKeys = [];

        protected override async Task<bool> TryStartAsync(int rows, bool final, CancellationToken ct)
        {
            if (!final && rows < RebuildDecisionRows) return false;
            _rebuild = RebuildIndex(rows, existing);
            if (!final && !_rebuild) return false; // perhaps later: a quarter of the table not read yet
            var db = Ctx.Db;
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            if (_rebuild)
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL maintenance_work_mem = '256MB'", ct);
                // Every index of the table except the primary key's (a constraint), as the catalogue defines it now.
                _indexes.AddRange(await NamedDefinitionsAsync(conn, $"""
                    SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE x.indrelid = '{PersonConfiguration.Table}'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                    ORDER BY i.relname
                    """, ct));
                foreach (var (name, _) in _indexes) await ExecAsync(conn, "DROP INDEX " + Quote(name), ct);
                // The foreign keys too: each row's check is an after-trigger event fired at the end of the COPY (100,000 lookups,
                // ~3.5 s), while ADD CONSTRAINT validates every row with one join (~0.1 s).
                _foreignKeys.AddRange(await NamedDefinitionsAsync(conn,
                    $"SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '{PersonConfiguration.Table}'::regclass AND contype = 'f' ORDER BY conname", ct));
                foreach (var (name, _) in _foreignKeys) await ExecAsync(conn, $"ALTER TABLE {PersonConfiguration.Table} DROP CONSTRAINT {Quote(name)}", ct);
            }
            _copy = await conn.BeginBinaryImportAsync($"COPY {PersonConfiguration.Table} ({ColumnList}, search_vector, name_vector) FROM STDIN (FORMAT BINARY)", ct);
            return true;
        }

        protected override async ValueTask WriteRowAsync(Person p, CancellationToken ct)
        {
            var copy = _copy!;
            await copy.StartRowAsync(ct);
            foreach (var column in ColumnMap) await column.Copy(copy, p, ct);
            // The binary form of a tsvector is what the server's tsvector_recv reads; binary COPY sends no type per field.
            await copy.WriteAsync(TsVectorBinary(p.SearchTokens), NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(TsVectorBinary(NameTokens(p.Name)), NpgsqlDbType.Bytea, ct);
        }

        protected override async Task FinishAsync(CancellationToken ct)
        {
            var t = System.Diagnostics.Stopwatch.GetTimestamp();
            await _copy!.CompleteAsync(ct);
            await _copy.DisposeAsync();
            _copy = null;
            t = Ctx.Timings.Add("complete: COPY end", t);
            if (!_rebuild) return;
            var conn = (NpgsqlConnection)Ctx.Db.Database.GetDbConnection();
            foreach (var (name, definition) in _foreignKeys)
                await ExecAsync(conn, $"ALTER TABLE {PersonConfiguration.Table} ADD CONSTRAINT {Quote(name)} {definition}", ct); // pg_get_constraintdef
            t = Ctx.Timings.Add("complete: foreign keys", t);
            // The table is set to parallel_workers = 0 (serial top-N queries, migration ExpertsSearchPerf), which also keeps index
            // builds serial; while the import waits for them, the btrees are built by the server with one worker (≈ a third
            // faster on 2 cores; GIN builds are serial in PostgreSQL 15 either way). Restored in the same transaction.
            var options = await ScalarAsync(conn, $"SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class WHERE oid = '{PersonConfiguration.Table}'::regclass", ct);
            var serial = options.Split(',').Contains("parallel_workers=0");
            if (serial) await ExecAsync(conn, $"ALTER TABLE {PersonConfiguration.Table} SET (parallel_workers = 1)", ct);
            foreach (var (name, definition) in _indexes)
            {
                await ExecAsync(conn, definition, ct); // pg_get_indexdef of the dropped index
                t = Ctx.Timings.Add(name.Contains("search", StringComparison.Ordinal) || name.Contains("tokens", StringComparison.Ordinal) ? "complete: GIN " + name : "complete: btree indexes", t);
            }
            if (serial) await ExecAsync(conn, $"ALTER TABLE {PersonConfiguration.Table} SET (parallel_workers = 0)", ct);
            // No ANALYZE inside the import (1.7 s of a 100,000-row import, holding the lock): a batch this size (≥ a quarter of
            // the table) is far past autovacuum's analyze threshold (10 % + 50 rows), so statistics follow shortly after the commit.
        }

        private static string Quote(string catalogueName) => "\"" + catalogueName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        /// <summary>(name, definition) rows of a catalogue query.</summary>
        private static async Task<List<(string Name, string Definition)>> NamedDefinitionsAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
        {
            var rows = new List<(string, string)>();
            await using var cmd = new NpgsqlCommand(sql, conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1)));
            return rows;
        }

        private static async Task<string> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            return (string)(await cmd.ExecuteScalarAsync(ct))!;
        }

        private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_copy is not null) await _copy.DisposeAsync(); // not completed: the COPY is cancelled (and the transaction rolls back)
            await base.DisposeAsync();
        }
    }

    /// <summary>
    /// PostgreSQL's binary form of <c>strip(to_tsvector('simple', tokens))</c> for a <see cref="Person.SearchTokens"/> string:
    /// its space-separated tokens are distinct lower-case ASCII words (<see cref="Platform.Search.SearchTokens"/>), each one
    /// lexeme — so no parsing is needed. Layout (tsvector_recv): int32 count, then per lexeme in byte order the text, a zero
    /// byte and uint16 0 (no positions: <c>search_vector</c> is stripped, migration ExpertsSearchVector).
    /// </summary>
    internal static byte[] TsVectorBinary(string tokens)
    {
        // SearchTokens.ForIndex writes distinct ASCII words in byte order, one space apart: measured in one pass, written in a
        // second, no splitting or sorting. Anything else takes the general path.
        var text = tokens.AsSpan();
        var count = 0;
        var size = 4;
        var previous = ReadOnlySpan<char>.Empty;
        foreach (var range in text.Split(' '))
        {
            var word = text[range];
            if (word.IsEmpty) continue;
            if (!System.Text.Ascii.IsValid(word) || (count > 0 && previous.SequenceCompareTo(word) >= 0)) return TsVectorBinarySorted(tokens);
            previous = word;
            count++;
            size += word.Length + 3;
        }
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(span, count);
        var at = 4;
        foreach (var range in text.Split(' '))
        {
            var word = text[range];
            if (word.IsEmpty) continue;
            System.Text.Ascii.FromUtf16(word, span[at..], out var written);
            at += written + 3; // the word, a zero byte and uint16 0 (the array is zeroed)
        }
        return buffer;
    }

    /// <summary>
    /// The lexemes of <c>exp_name_tokens(name)</c> (migration ExpertsNameTokens) in byte order, space-separated: every code point
    /// of the raw name as a unigram and every adjacent pair as a bigram — nothing normalised, every character counts.
    /// </summary>
    internal static string NameTokens(string name)
    {
        var tokens = new SortedSet<string>(StringComparer.Ordinal);
        Rune? previous = null;
        foreach (var rune in name.EnumerateRunes())
        {
            tokens.Add(SearchTokens.Unigram(rune));
            if (previous is { } p) tokens.Add(SearchTokens.Bigram(p, rune));
            previous = rune;
        }
        return string.Join(' ', tokens);
    }

    private static byte[] TsVectorBinarySorted(string tokens)
    {
        var words = tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Array.Sort(words, string.CompareOrdinal);
        var size = 4;
        foreach (var w in words) size += System.Text.Encoding.UTF8.GetByteCount(w) + 1 + 2;
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(span, words.Length);
        var at = 4;
        foreach (var w in words)
        {
            at += System.Text.Encoding.UTF8.GetBytes(w, span[at..]);
            span[at++] = 0;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(span[at..], 0);
            at += 2;
        }
        return buffer;
    }

    /// <summary>The FTS5 insert trigger of exp_people (migration ExpertsSearchPerf); the SQLite import drops and recreates it.</summary>
    public const string SqliteInsertTrigger =
        "CREATE TRIGGER exp_people_fts_ai AFTER INSERT ON exp_people BEGIN INSERT INTO exp_people_fts(rowid, search_tokens) VALUES (new.rowid, new.search_tokens); END";

    /// <summary>
    /// SQLite: inside the import's transaction (SQLite DDL is transactional, and the write lock is held from the first
    /// statement to the commit, so no other writer can slip in untracked), drop the per-row FTS5 trigger, insert the rows with
    /// one prepared INSERT as they are read, index the new rowids in one INSERT … SELECT and recreate the trigger. A failure
    /// rolls all of it back.
    /// </summary>
    private sealed class SqliteWriter(ImportContext ctx, Lookups lookups) : PersonWriter(ctx, lookups)
    {
        private DbCommand? _insert;
        private DbParameter[] _parameters = [];
        private long _before;
        private object? _cacheSize;

        private DbConnection Connection => Ctx.Db.Database.GetDbConnection();

        private DbTransaction Transaction => Ctx.Db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("import runs inside a transaction");

        private async Task<object?> ExecAsync(string sql, CancellationToken ct)
        {
            await using var cmd = Connection.CreateCommand();
            cmd.Transaction = Transaction;
            cmd.CommandText = sql;
            return await cmd.ExecuteScalarAsync(ct);
        }

        protected override async Task<bool> TryStartAsync(int rows, bool final, CancellationToken ct)
        {
            // A bigger page cache while the rows go in (the default 2 MB thrashes on the random blind-index keys); restored at the end.
            _cacheSize = await ExecAsync("PRAGMA cache_size", ct);
            await ExecAsync("PRAGMA cache_size = -65536", ct);
            _before = Convert.ToInt64(await ExecAsync($"SELECT coalesce(max(rowid), 0) FROM {PersonConfiguration.Table}", ct), System.Globalization.CultureInfo.InvariantCulture);
            await ExecAsync("DROP TRIGGER IF EXISTS exp_people_fts_ai", ct);
            var cmd = Connection.CreateCommand();
            cmd.Transaction = Transaction;
            cmd.CommandText = $"INSERT INTO {PersonConfiguration.Table} ({ColumnList}) VALUES ({string.Join(", ", ColumnMap.Select((_, i) => "$p" + i))})";
            _parameters = ColumnMap.Select((_, i) =>
            {
                var prm = cmd.CreateParameter();
                prm.ParameterName = "$p" + i;
                cmd.Parameters.Add(prm);
                return prm;
            }).ToArray();
            await cmd.PrepareAsync(ct);
            _insert = cmd;
            return true;
        }

        protected override async ValueTask WriteRowAsync(Person p, CancellationToken ct)
        {
            for (var i = 0; i < ColumnMap.Length; i++)
            {
                _parameters[i].Value = ColumnMap[i].Get(p) switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
                    var o => o,
                };
            }
            await _insert!.ExecuteNonQueryAsync(ct);
        }

        protected override async Task FinishAsync(CancellationToken ct)
        {
            var t = System.Diagnostics.Stopwatch.GetTimestamp();
            await ExecAsync($"INSERT INTO exp_people_fts(rowid, search_tokens) SELECT rowid, search_tokens FROM {PersonConfiguration.Table} WHERE rowid > {_before}", ct);
            await ExecAsync(SqliteInsertTrigger, ct);
            await RestoreCacheSizeAsync(ct); // before the commit: EF closes the connection then, back into the pool
            Ctx.Timings.Add("complete: FTS5 fill", t);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_insert is not null) await _insert.DisposeAsync();
            if (Connection.State == System.Data.ConnectionState.Open) await RestoreCacheSizeAsync(CancellationToken.None);
            await base.DisposeAsync();
        }

        private async Task RestoreCacheSizeAsync(CancellationToken ct)
        {
            if (_cacheSize is null) return;
            await ExecAsync("PRAGMA cache_size = " + Convert.ToInt64(_cacheSize, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            _cacheSize = null;
        }
    }
}
