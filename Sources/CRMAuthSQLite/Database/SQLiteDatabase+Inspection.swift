public import CRMAuth
import GRDB

extension SQLiteDatabase {
    /// What a database file holds, read without changing it (CRMAuth's `SchemaInspection`).
    public typealias Inspection = SchemaInspection

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
