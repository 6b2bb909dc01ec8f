import CRMAuthSQLite
import Foundation
import Testing

@Suite("SQLiteDatabase synchronous setting")
struct SQLiteDatabaseSynchronousTests {
    @Test("FULL by default, on the writer and the readers (GRDB's WAL setup would leave the writer NORMAL)")
    func defaultIsFull() async throws {
        let temporary = try TemporaryDatabase()
        #expect(temporary.database.synchronous == .full)
        let inEffect = try await temporary.database.synchronousInEffect()
        #expect(inEffect.writer == .full)
        #expect(inEffect.reader == .full)
    }

    @Test("each setting is applied to every connection", arguments: [SQLiteDatabase.Synchronous.normal, .full])
    func applied(setting: SQLiteDatabase.Synchronous) async throws {
        let temporary = try TemporaryDatabase()
        let database = try SQLiteDatabase(path: temporary.path, synchronous: setting)
        defer { try? database.close() }
        #expect(database.synchronous == setting)
        let inEffect = try await database.synchronousInEffect()
        #expect(inEffect.writer == setting)
        #expect(inEffect.reader == setting)
    }
}
