using System.IO.Compression;
using Kexie.Web.Platform.Excel;
using MiniExcelLibs;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Platform;

public class XlsxSheetReaderTests
{
    private static byte[] Workbook(params Dictionary<string, object?>[] rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(rows);
        return ms.ToArray();
    }

    /// <summary>Removes row <paramref name="r"/> from the sheet, as Excel leaves a blank row out of the file.</summary>
    private static byte[] WithoutRow(byte[] xlsx, int r)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            var start = xml.IndexOf($"<x:row r=\"{r}\"", StringComparison.Ordinal);
            start.ShouldBeGreaterThan(0);
            xml = xml.Remove(start, xml.IndexOf("</x:row>", start, StringComparison.Ordinal) + "</x:row>".Length - start);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(xml);
        }
        return ms.ToArray();
    }

    [Fact]
    public void Rows_come_as_header_keyed_values_and_a_row_missing_from_the_file_keeps_its_place()
    {
        var xlsx = WithoutRow(Workbook(
            new() { ["姓名"] = "甲", ["数量"] = 12.5, ["日期"] = new DateTime(2026, 3, 5) },
            new() { ["姓名"] = "乙", ["数量"] = 3, ["日期"] = null },
            new() { ["姓名"] = "丙", ["数量"] = null, ["日期"] = null }), 3); // Excel row 3 = 乙
        using var sheet = XlsxSheetReader.Open(new MemoryStream(xlsx));
        sheet.Headers.ShouldBe(["姓名", "数量", "日期"]);
        var rows = sheet.Rows().ToList();
        rows.Count.ShouldBe(3);
        rows[0]["姓名"].ShouldBe("甲");
        rows[0]["数量"].ShouldBe(12.5);
        rows[0]["日期"].ShouldBe(new DateTime(2026, 3, 5));
        rows[1].Values.ShouldAllBe(v => v == null); // the row the file left out: still row 3
        rows[2]["姓名"].ShouldBe("丙");
        rows[2]["数量"].ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => sheet.Rows().ToList()); // read once
    }

    [Fact]
    public void Blank_and_repeated_headers_are_left_out()
    {
        using var ms = new MemoryStream();
        ms.SaveAs(new[] { new object?[] { "姓名", null, "姓名", "单位" }, new object?[] { "甲", "x", "y", "某所" } }.Select(r =>
            r.Select((v, i) => (v, i)).ToDictionary(p => "c" + p.i, p => p.v)), printHeader: false);
        using var sheet = XlsxSheetReader.Open(new MemoryStream(ms.ToArray()));
        sheet.Headers.ShouldBe(["姓名", "单位"]);
        var row = sheet.Rows().Single();
        row.Keys.ShouldBe(["姓名", "单位"]);
        row["姓名"].ShouldBe("甲");
        row["单位"].ShouldBe("某所");
    }

    [Fact]
    public void A_stream_that_is_no_workbook_is_refused_on_open()
    {
        Should.Throw<Exception>(() => XlsxSheetReader.Open(new MemoryStream("姓名,单位\n张三,某单位"u8.ToArray())));
    }
}
