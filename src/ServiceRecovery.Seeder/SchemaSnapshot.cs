using Npgsql;

namespace ServiceRecovery.Seeder;

/// <summary>One index or constraint as PostgreSQL itself prints it (pg_get_indexdef / pg_get_constraintdef).</summary>
internal sealed record SchemaObject(string Kind, string Table, string Name, string Definition)
{
    public string DropSql => Kind == "index" ? $"DROP INDEX {Name}" : $"ALTER TABLE {Table} DROP CONSTRAINT {Name}";

    public string CreateSql => Kind == "index" ? Definition : $"ALTER TABLE {Table} ADD CONSTRAINT {Name} {Definition}";
}

/// <summary>
/// The indexes and constraints of the loaded tables (and the foreign keys pointing at them), captured from the
/// catalog so that they are rebuilt exactly as the migrations made them: dropped before the load, recreated after.
/// </summary>
internal sealed class SchemaSnapshot
{
    private SchemaSnapshot(List<SchemaObject> keys, List<SchemaObject> indexes, List<SchemaObject> foreignKeys)
    {
        Keys = keys;
        Indexes = indexes;
        ForeignKeys = foreignKeys;
    }

    /// <summary>Primary keys and unique constraints.</summary>
    public IReadOnlyList<SchemaObject> Keys { get; }

    /// <summary>
    /// Indexes that back no constraint (unique indexes, trigram GIN indexes, ...). Partial indexes stay in place: their
    /// predicate, printed by pg_get_indexdef and parsed again, would not give back the same expression tree as the
    /// migration's text (<c>stage NOT IN (...)</c> comes back as an ARRAY of varchar cast to text[]), and they are cheap to
    /// maintain during the load (only open cases enter them).
    /// </summary>
    public IReadOnlyList<SchemaObject> Indexes { get; }

    /// <summary>Foreign keys on the tables or referencing them.</summary>
    public IReadOnlyList<SchemaObject> ForeignKeys { get; }

    public IEnumerable<SchemaObject> InDropOrder => ForeignKeys.Concat(Keys).Concat(Indexes);

    /// <summary>Keys first (the foreign keys need them), then the other indexes, then the foreign keys (validated against the new data).</summary>
    public IEnumerable<SchemaObject> InCreateOrder => Keys.Concat(Indexes).Concat(ForeignKeys);

    public static async Task<SchemaSnapshot> CaptureAsync(NpgsqlConnection conn, IReadOnlyList<string> tables)
    {
        var keys = new List<SchemaObject>();
        var foreignKeys = new List<SchemaObject>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT c.contype::text, c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE (c.contype IN ('p', 'u') AND c.conrelid = ANY(CAST(@tables AS regclass[])))
               OR (c.contype = 'f' AND (c.conrelid = ANY(CAST(@tables AS regclass[])) OR c.confrelid = ANY(CAST(@tables AS regclass[]))))
            ORDER BY c.conrelid::regclass::text, c.conname
            """, conn))
        {
            cmd.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var o = new SchemaObject(reader.GetString(0) == "f" ? "foreign key" : "key", reader.GetString(1), reader.GetString(2), reader.GetString(3));
                (o.Kind == "key" ? keys : foreignKeys).Add(o);
            }
        }

        var indexes = new List<SchemaObject>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE i.indrelid = ANY(CAST(@tables AS regclass[]))
              AND i.indpred IS NULL
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
            ORDER BY t.relpages DESC, t.relname, i.indexrelid::regclass::text
            """, conn))
        {
            cmd.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add(new SchemaObject("index", reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        return new SchemaSnapshot(keys, indexes, foreignKeys);
    }
}
