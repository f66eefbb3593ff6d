using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ServiceRecovery.Seeder;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/15/sql-copy.html, "Binary Format"),
/// written into memory, so that the threads that make the cases also encode them and the aggregates can go at once;
/// the COPY then only streams bytes (<see cref="Npgsql.NpgsqlConnection.BeginRawBinaryCopyAsync"/>).
/// Covers the types the seeded tables use: uuid, text/varchar, int4, bool, timestamptz, date, numeric.
/// </summary>
internal sealed class CopyRows
{
    /// <summary>"PGCOPY\n\377\r\n\0", flags 0, no header extension.</summary>
    public static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>A field count of -1 ends the data.</summary>
    public static readonly byte[] Trailer = [0xFF, 0xFF];

    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly ArrayBufferWriter<byte> _buffer;

    public CopyRows(int initialBytes) => _buffer = new ArrayBufferWriter<byte>(initialBytes);

    public long Count { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void StartRow(short fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), fields);
        _buffer.Advance(2);
        Count++;
    }

    public void Null()
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), -1);
        _buffer.Advance(4);
    }

    public void Uuid(Guid value)
    {
        var span = Field(16);
        value.TryWriteBytes(span, bigEndian: true, out _);
    }

    public void Uuid(Guid? value)
    {
        if (value is { } v) Uuid(v); else Null();
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        Encoding.UTF8.GetBytes(value, Field(length));
    }

    public void Int(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void Bool(bool value) => Field(1)[0] = value ? (byte)1 : (byte)0;

    public void Int(int? value)
    {
        if (value is { } v) Int(v); else Null();
    }

    public void Bool(bool? value)
    {
        if (value is { } v) Bool(v); else Null();
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC (PostgreSQL keeps no finer).</summary>
    public void Time(DateTimeOffset value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), (value.UtcTicks - PostgresEpochTicks) / 10);

    public void Time(DateTimeOffset? value)
    {
        if (value is { } v) Time(v); else Null();
    }

    /// <summary>date: days since 2000-01-01.</summary>
    public void Date(DateOnly? value)
    {
        if (value is { } v) BinaryPrimitives.WriteInt32BigEndian(Field(4), v.DayNumber - PostgresEpochDay); else Null();
    }

    /// <summary>
    /// numeric, for money (at most 2 decimals, as the numeric(12,2) columns hold): base-10000 digits, most significant
    /// first, weight = index of the units group, display scale 2.
    /// </summary>
    public void Money(decimal? value)
    {
        if (value is not { } v)
        {
            Null();
            return;
        }

        var cents = decimal.ToInt64(decimal.Round(Math.Abs(v) * 100m, 0, MidpointRounding.AwayFromZero));
        if (cents != Math.Abs(v) * 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(value), v, "Money has at most two decimals.");
        }

        Span<short> groups = stackalloc short[8];
        var whole = cents / 100;
        var integerGroups = 0;
        for (var w = whole; w > 0; w /= 10000)
        {
            integerGroups++;
        }

        for (var i = integerGroups - 1; i >= 0; i--)
        {
            groups[i] = (short)(whole % 10000);
            whole /= 10000;
        }

        var count = integerGroups;
        var fraction = (short)(cents % 100 * 100);
        if (fraction != 0)
        {
            groups[count++] = fraction;
        }

        var weight = integerGroups > 0 ? integerGroups - 1 : -1;
        while (count > 0 && groups[count - 1] == 0)
        {
            count--; // PostgreSQL stores no trailing zero groups
        }

        if (count == 0)
        {
            weight = 0;
        }

        var span = Field(8 + (2 * count));
        BinaryPrimitives.WriteInt16BigEndian(span, (short)count);
        BinaryPrimitives.WriteInt16BigEndian(span[2..], (short)weight);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], v < 0 ? (short)0x4000 : (short)0);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], 2);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(8 + (2 * i))..], groups[i]);
        }
    }

    /// <summary>The length word, then room for the value.</summary>
    private Span<byte> Field(int length)
    {
        var span = _buffer.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _buffer.Advance(4 + length);
        return span.Slice(4, length);
    }
}
