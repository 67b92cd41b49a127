using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Kexie.Web.Platform.Excel;

/// <summary>
/// Reads the first sheet of an uploaded .xlsx: the first row is the header, every further row a header → value dictionary
/// (string, double, bool or DateTime; an empty cell is null; a row missing from the file — a blank row Excel did not
/// write — comes back with every value null, so row numbers stay the sheet's), streamed as the rows are enumerated.
/// ExcelDataReader (MIT) sizes the sheet in one pass when it opens it, then streams the rows; MiniExcel, which still writes
/// every workbook here, scanned the whole sheet for its size twice (a header check and a query) when the file does not state
/// it — files MiniExcel wrote, Kexie's own templates and exports among them, do not: ~3 s of a 100,000-row import.
/// </summary>
public sealed class XlsxSheetReader : IDisposable
{
    static XlsxSheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // ExcelDataReader's fallback code page

    private readonly IExcelDataReader _reader;
    private readonly string?[] _keys;
    private bool _enumerated;

    private XlsxSheetReader(IExcelDataReader reader, string?[] keys, List<string> headers)
    {
        _reader = reader;
        _keys = keys;
        Headers = headers;
    }

    /// <summary>The header row's texts, in column order (blank headers and repeated ones left out).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Opens the sheet and reads its header row; throws when the stream is not a readable .xlsx.</summary>
    public static XlsxSheetReader Open(Stream xlsx)
    {
        var reader = ExcelReaderFactory.CreateOpenXmlReader(xlsx, new ExcelReaderConfiguration { LeaveOpen = true });
        try
        {
            var keys = new List<string?>();
            var headers = new List<string>();
            if (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    var key = string.IsNullOrWhiteSpace(text) || headers.Contains(text) ? null : text;
                    keys.Add(key);
                    if (key is not null) headers.Add(key);
                }
            }
            return new XlsxSheetReader(reader, [.. keys], headers);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The data rows after the header, read as they are enumerated (once).</summary>
    public IEnumerable<IDictionary<string, object?>> Rows()
    {
        if (_enumerated) throw new InvalidOperationException("the sheet's rows are read once");
        _enumerated = true;
        while (_reader.Read())
        {
            var row = new Dictionary<string, object?>(Headers.Count, StringComparer.Ordinal);
            var n = Math.Min(_reader.FieldCount, _keys.Length);
            for (var i = 0; i < _keys.Length; i++)
            {
                if (_keys[i] is not { } key) continue;
                row[key] = i < n ? _reader.GetValue(i) : null;
            }
            yield return row;
        }
    }

    public void Dispose() => _reader.Dispose();
}
