import CRMAuthSQLite
import Foundation
import GRDB

/// A database file in a new temporary folder, removed when the value is released.
final class TemporaryDatabase: Sendable {
    let folder: URL
    let path: String
    let database: SQLiteDatabase

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmauth-sqlite-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        path = folder.appendingPathComponent("auth.sqlite").path
        database = try SQLiteDatabase(path: path)
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs raw SQL on the file through a separate connection, as an operator's `sqlite3` would.
    func editByHand(_ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    /// The file's permission bits.
    static func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }
}
