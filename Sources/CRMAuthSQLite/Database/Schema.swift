import GRDB

/// The versioned schema. Each migration is appended, never edited once released; its number is the
/// `PRAGMA user_version` it leaves.
///
/// Column choices, kept by every table:
/// - Instants are `REAL` seconds since 2001-01-01 (the `Date`'s own `Double`), so they round-trip bit
///   for bit and SQL arithmetic on them (`created_at + absolute_timeout`) is the same IEEE addition Swift
///   does; durations are `REAL` seconds likewise.
/// - Text is `TEXT` under SQLite's default `BINARY` collation: stored as the UTF-8 bytes given, compared
///   and ordered byte for byte (canonically equivalent spellings stay distinct).
/// - Token digests are 32-byte `BLOB`s; booleans are `INTEGER` 0 or 1.
/// - Tables are `STRICT`, so SQLite refuses a value of the wrong type on write; the stores still check
///   every column on read, because a file can be edited by tools that ignore that.
enum Schema {
    static let version = 1

    static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = makeMigrator()
        do {
            try check(pool, migrator: migrator, path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw SQLiteStoreError(.cannotOpen, "\(path) is not a SQLite database", underlying: error)
        }
        do {
            try migrator.migrate(pool)
        } catch {
            // GRDB reads which migrations are applied before it takes the write lock for each one, so two
            // processes opening a new file at once can both try migration 1; the loser's transaction
            // fails and rolls back. If the file is now fully migrated, that was the only problem.
            let completed = try pool.read { db in try migrator.hasCompletedMigrations(db) }
            guard completed else { throw error }
        }
    }

    private static func check(_ pool: DatabasePool, migrator: DatabaseMigrator, path: String) throws {
        try pool.read { db in
            let stored = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if stored > version {
                throw SQLiteStoreError(
                    .schemaTooNew,
                    "\(path) has schema version \(stored); this release knows up to \(version)")
            }
            if try migrator.hasBeenSuperseded(db) {
                throw SQLiteStoreError(
                    .schemaTooNew, "\(path) holds migrations this release does not know")
            }
        }
    }

    /// Migration 1: every store's tables, one fragment per area (each in its own `Schema+Area.swift`).
    /// Version 1 is not released yet, so stores still add their tables here; once released, a change is
    /// a new migration.
    private static let version1 = [
        usersTables, sessionTables, oneTimeTokenTables, refreshTokenTables, totpTables, passwordHistoryTables,
        roleTables, lockoutTables, loginFlowTables, auditTables,
    ]

    private static func makeMigrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1 initial schema") { db in
            for tables in version1 {
                try db.execute(sql: tables)
            }
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        return migrator
    }
}
