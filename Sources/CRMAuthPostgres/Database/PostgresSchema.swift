import PostgresNIO

/// The versioned schema. Each migration is a list of statements appended, never edited once released;
/// the version reached is kept in the one-row table `crmauth_schema`.
///
/// Column choices, kept by every table:
/// - Instants are `DOUBLE PRECISION` seconds since 2001-01-01 (the `Date`'s own `Double`), so they
///   round-trip bit for bit (a `timestamptz` keeps microseconds only) and SQL arithmetic on them is
///   the same IEEE addition Swift does; durations likewise.
/// - Text that is compared or ordered is `TEXT COLLATE "C"`: compared and ordered byte for byte, as
///   the in-memory and SQLite stores do, whatever the database's default collation. PostgreSQL text
///   cannot hold U+0000: such a value is refused with ``PostgresStoreError/unrepresentable``.
/// - Token digests are 32-byte `BYTEA`s.
enum PostgresSchema {
    static let version = 1

    /// Migration 1: every store's tables, one fragment per area. Version 1 is not released yet, so
    /// stores still add their tables here; once released, a change is a new migration.
    private static let version1: [[String]] = [
        usersTables, oneTimeTokenTables, sessionTables, refreshTokenTables, loginFlowTables, passwordHistoryTables,
        totpTables, roleTables, lockoutTables, auditTables,
    ]

    private static let migrations: [[String]] = [version1.flatMap { $0 }]

    /// Applies the missing migrations in one transaction, under a transaction-level advisory lock on
    /// the schema's name: of servers starting at once, one migrates and the others wait, then find
    /// nothing left to do.
    static func migrate(_ database: PostgresAuthDatabase) async throws {
        let schema = database.configuration.schema
        let lock = lockKey(schema ?? "public")
        try await database.run("migrate the schema", timeout: migrationTimeout(database)) { [database] in
            try await database.client.withTransaction(logger: database.logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(lock))", logger: database.logger)
                if let schema {
                    // A plain identifier (checked when the configuration was made): no quoting needed.
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: database.logger)
                }
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS crmauth_schema (
                        singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
                        version INTEGER NOT NULL
                    )
                    """, logger: database.logger)
                var stored = 0
                for try await version in try await connection.query(
                    "SELECT version FROM crmauth_schema", logger: database.logger
                ).decode(Int.self) {
                    stored = version
                }
                if stored > migrations.count {
                    throw PostgresStoreError(
                        .schemaTooNew,
                        "the database has schema version \(stored); this release knows up to \(migrations.count)")
                }
                guard stored < migrations.count else { return }
                for migration in migrations[stored...] {
                    for statement in migration {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: database.logger)
                    }
                }
                let reached = migrations.count
                try await connection.query(
                    """
                    INSERT INTO crmauth_schema (singleton, version) VALUES (TRUE, \(reached))
                    ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version
                    """, logger: database.logger)
            }
        }
    }

    /// How long opening may wait for the migration: other servers' migrations included (they hold the
    /// advisory lock), so at least two minutes.
    static func migrationTimeout(_ database: PostgresAuthDatabase) -> Double {
        max(database.configuration.requestTimeout, 120)
    }

    /// The advisory lock key of a schema's migrations: FNV-1a over a fixed prefix and the name, as a
    /// signed 64-bit value (what `pg_advisory_xact_lock(bigint)` takes).
    static func lockKey(_ schema: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("crmauth-migrations:".utf8) + Array(schema.utf8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
