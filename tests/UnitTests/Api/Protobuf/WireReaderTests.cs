using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Protobuf;

namespace ActorOrchestrator.UnitTests.Api.Protobuf;

[Trait("Category", "Unit")]
public class WireReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0UL)]
    [InlineData(new byte[] { 0x7F }, 127UL)]
    [InlineData(new byte[] { 0xAC, 0x02 }, 300UL)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
    public void Varints_decode(byte[] bytes, ulong expected)
    {
        var reader = new WireReader(bytes, 0);
        Assert.Equal(expected, reader.ReadVarint());
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void A_truncated_varint_names_where_it_started()
    {
        var error = Read([0x08, 0x96], (ref WireReader r) => { r.ReadTag(); r.ReadVarint(); }, baseOffset: 10);
        Assert.Equal(400, error.Code);
        Assert.Equal("the protobuf body is malformed at byte 11: unexpected end of data in a varint", error.Message);
    }

    [Fact]
    public void A_varint_past_64_bits_is_refused()
    {
        var error = Read([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], (ref WireReader r) => r.ReadVarint());
        Assert.Contains("at byte 0: varint overflows 64 bits", error.Message);
    }

    [Fact]
    public void A_length_past_the_end_is_refused()
    {
        var error = Read([0x0A, 0x05, 0x61], (ref WireReader r) => { r.ReadTag(); r.ReadLengthDelimited(out _); });
        Assert.Contains("at byte 1: length 5 runs past the end of the data", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, "illegal field number 0")]
    [InlineData(new byte[] { 0x0E }, "illegal wire type 6")]
    [InlineData(new byte[] { 0x0F }, "illegal wire type 7")]
    public void Illegal_tags_are_refused(byte[] bytes, string why)
    {
        var error = Read(bytes, (ref WireReader r) => r.ReadTag());
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Every_wire_type_can_be_skipped()
    {
        var bytes = new ProtoWriter()
            .Varint(1, 300UL)
            .Fixed64(2, 7)
            .Fixed32(3, 7)
            .String(4, "skip me")
            .Tag(5, 3).Varint(1, 1UL).Tag(6, 3).Tag(6, 4).Tag(5, 4) // a group holding a field and a group
            .Varint(9, 1UL)
            .ToArray();
        var reader = new WireReader(bytes, 0);
        var numbers = new List<int>();
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            numbers.Add(number);
            reader.Skip(number, type);
        }
        Assert.Equal([1, 2, 3, 4, 5, 9], numbers);
    }

    [Fact]
    public void A_group_closed_by_another_number_is_refused()
    {
        var bytes = new ProtoWriter().Tag(5, 3).Tag(6, 4).ToArray();
        var error = Read(bytes, (ref WireReader r) => { var (n, t) = r.ReadTag(); r.Skip(n, t); });
        Assert.Contains("group 5 closed by end-group 6", error.Message);
    }

    [Fact]
    public void An_end_group_without_a_group_is_refused()
    {
        var error = Read(new ProtoWriter().Tag(5, 4).ToArray(), (ref WireReader r) => { var (n, t) = r.ReadTag(); r.Skip(n, t); });
        Assert.Contains("end-group tag for field 5 without a group", error.Message);
    }

    [Fact]
    public void Fixed_width_values_are_little_endian()
    {
        var reader = new WireReader(new ProtoWriter().Fixed64(1, 0x0102030405060708).Fixed32(2, 0x0A0B0C0D).ToArray(), 0);
        reader.ReadTag();
        Assert.Equal(0x0102030405060708UL, reader.ReadFixed64());
        reader.ReadTag();
        Assert.Equal(0x0A0B0C0DU, reader.ReadFixed32());
    }

    private delegate void ReaderAction(ref WireReader reader);

    private static ApiException Read(byte[] bytes, ReaderAction action, int baseOffset = 0) =>
        Assert.Throws<ApiException>(() =>
        {
            var reader = new WireReader(bytes, baseOffset);
            action(ref reader);
        });
}
