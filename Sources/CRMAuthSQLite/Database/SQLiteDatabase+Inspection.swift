import GRDB

extension SQLiteDatabase {
    /// What a database file holds, read without changing it: for an operator's status report, and to
    /// refuse working on a file that still needs migrating.
    public struct Inspection: Sendable, Hashable {
        /// The schema version stored in the file (`PRAGMA user_version`), 0 for a new empty file.
        public let storedVersion: Int
        /// The schema version this code writes and reads (``SQLiteDatabase/schemaVersion``).
        public let knownVersion: Int

        /// Whether the file holds exactly the schema this code knows.
        public var isCurrent: Bool { storedVersion == knownVersion }
        /// Whether migrations are pending (opening the database applies them).
        public var needsMigration: Bool { storedVersion < knownVersion }
        /// Whether a newer release wrote the file (opening it fails with ``SQLiteStoreError/schemaTooNew``).
        public var isTooNew: Bool { storedVersion > knownVersion }
    }

    /// Reads the schema version of the database at `path` through a read-only connection: nothing is
    /// created, migrated or written.
    /// - Parameter path: the database file.
    /// - Returns: the stored and known schema versions.
    /// - Throws: ``SQLiteStoreError/cannotOpen`` if the file is absent, unreadable or not a SQLite database.
    public static func inspect(path: String) throws(SQLiteStoreError) -> Inspection {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "CRMAuthSQLite.inspect"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let stored = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
            return Inspection(storedVersion: stored, knownVersion: schemaVersion)
        } catch {
            throw SQLiteStoreError(.cannotOpen, "cannot read \(path) as a SQLite database", underlying: error)
        }
    }
}
