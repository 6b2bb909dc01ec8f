import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import LoginFlow
import SessionTokens
import Testing

/// Two `SQLiteDatabase` values opened on one file, as two app servers would: each has its own writer
/// connection, so concurrent writes contend through SQLite's file locks (and the busy timeout), not
/// through GRDB's in-process writer queue. Calls alternate between the two (CRMAuthTesting's
/// `AlternatingStores`, which forwards every store protocol).
typealias TwoServers = AlternatingStores

extension AlternatingStores {
    /// The store `make` builds on the temporary file's database and on a second database value opened on
    /// the same file (closed when this value is released).
    convenience init(_ temporary: TemporaryDatabase, _ make: (SQLiteDatabase) -> Store) throws {
        let second = try SQLiteDatabase(path: temporary.path)
        self.init([make(temporary.database), make(second)], release: { try? second.close() })
    }
}
