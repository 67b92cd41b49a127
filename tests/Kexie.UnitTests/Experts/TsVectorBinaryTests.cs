using System.Buffers.Binary;
using System.Text;
using Kexie.Web.Modules.Experts.Features;
using Kexie.Web.Platform.Search;
using Shouldly;
using Xunit;

namespace Kexie.UnitTests.Experts;

/// <summary>The import's ready-made tsvector (what PostgreSQL's tsvector_recv reads): count, then each lexeme in byte order, a zero byte, uint16 0.</summary>
public class TsVectorBinaryTests
{
    private static List<string> Lexemes(byte[] binary)
    {
        var count = BinaryPrimitives.ReadInt32BigEndian(binary);
        var words = new List<string>();
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            var end = Array.IndexOf(binary, (byte)0, at);
            words.Add(Encoding.UTF8.GetString(binary, at, end - at));
            BinaryPrimitives.ReadUInt16BigEndian(binary.AsSpan(end + 1)).ShouldBe((ushort)0);
            at = end + 3;
        }
        at.ShouldBe(binary.Length);
        return words;
    }

    [Fact]
    public void Index_tokens_are_written_as_they_come_in_byte_order()
    {
        var tokens = SearchTokens.ForIndex("王秋实", "示范市农业科学研究院", "水稻育种、杂交水稻", "AI芯片 GB/T 7714");
        var words = Lexemes(PersonImport.TsVectorBinary(tokens));
        words.ShouldBe(tokens.Split(' '));
        words.ShouldBe(words.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Unsorted_or_spaced_tokens_are_sorted_first()
    {
        Lexemes(PersonImport.TsVectorBinary("u0fo5  b0fo50o23 abc")).ShouldBe(["abc", "b0fo50o23", "u0fo5"]);
        Lexemes(PersonImport.TsVectorBinary("")).ShouldBeEmpty();
        Lexemes(PersonImport.TsVectorBinary(" a b ")).ShouldBe(["a", "b"]);
    }
}
