/// An error raised by the SQLite backend itself: the file cannot be opened, its schema is newer than
/// this code, or a stored row cannot be read back as a value.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: SQLiteStoreError.schemaTooNew)`. ``reason`` says which file, table or record is at
/// fault and never contains secret material (no digest, hash, stamp or token). Errors a store contract
/// names (a duplicate session, an identifier taken) are thrown as the store protocol's module error
/// instead; the database's own failures (disk full, locked beyond the busy timeout) propagate as GRDB's
/// `DatabaseError`, which callers treat as "unavailable".
public struct SQLiteStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case cannotOpen
            case schemaTooNew
            case corruptedRecord
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The database file could not be created or opened (a missing folder, no permission, not a
        /// SQLite file).
        public static let cannotOpen = Code(.cannotOpen)
        /// The file's schema was written by a newer version of CRMAuth than this one: it is left as it
        /// is, never downgraded. Run the newer version, or restore a backup.
        public static let schemaTooNew = Code(.schemaTooNew)
        /// A stored row cannot be read back: a column holds the wrong type or a value no field accepts
        /// (the row was edited by hand or damaged). Only that record fails; the others still read.
        public static let corruptedRecord = Code(.corruptedRecord)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .cannotOpen: "cannot open"
            case .schemaTooNew: "schema too new"
            case .corruptedRecord: "corrupted record"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains secret material.
    public let reason: String

    /// The error that caused this one (GRDB's `DatabaseError`, a system call's failure), kept as it is
    /// so callers and logs can inspect it; `nil` when there was none. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error with a code, a reason and, optionally, the error that caused it.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - reason: an explanation for logs, without secrets.
    ///   - underlying: the error that caused this one.
    public init(_ code: Code, _ reason: String = "", underlying: (any Error)? = nil) {
        self.code = code
        self.reason = reason
        self.underlying = underlying
    }

    /// See ``Code/cannotOpen``.
    public static let cannotOpen = SQLiteStoreError(.cannotOpen)
    /// See ``Code/schemaTooNew``.
    public static let schemaTooNew = SQLiteStoreError(.schemaTooNew)
    /// See ``Code/corruptedRecord``.
    public static let corruptedRecord = SQLiteStoreError(.corruptedRecord)

    /// Compares codes only, so `#expect(throws: SQLiteStoreError.schemaTooNew)` matches any reason.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs; never contains secret material.
    public var description: String {
        reason.isEmpty ? "SQLiteStoreError(\(code))" : "SQLiteStoreError(\(code)): \(reason)"
    }
}
