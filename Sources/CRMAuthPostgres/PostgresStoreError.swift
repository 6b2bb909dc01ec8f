/// An error raised by the PostgreSQL backend itself: the configuration is unusable, the server cannot
/// be reached, its schema is newer than this code, or a stored row cannot be read back as a value.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: PostgresStoreError.unavailable)`. ``reason`` says which server, table or record is
/// at fault and never contains secret material (no password, digest, hash, stamp or token). Errors a
/// store contract names (a duplicate session, an identifier taken) are thrown as the store protocol's
/// module error instead.
public struct PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidConfiguration
            case unavailable
            case schemaTooNew
            case corruptedRecord
            case unrepresentable
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The URL or configuration cannot be used (an unknown scheme, a missing user, a bad port or
        /// `sslmode`).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The server cannot be reached, refused the login, closed the connection, or failed the
        /// statement for a reason of its own (a restart, a full disk). Nothing of the failed call was
        /// committed; retry later. The client reconnects by itself when the server is back.
        public static let unavailable = Code(.unavailable)
        /// The database's schema was written by a newer version of CRMAuth than this one: it is left as
        /// it is, never downgraded.
        public static let schemaTooNew = Code(.schemaTooNew)
        /// A stored row cannot be read back: a column holds a value no field accepts (the row was
        /// edited by hand or damaged). Only that record fails; the others still read.
        public static let corruptedRecord = Code(.corruptedRecord)
        /// A value cannot be stored as given: PostgreSQL text cannot hold U+0000.
        public static let unrepresentable = Code(.unrepresentable)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .invalidConfiguration: "invalid configuration"
            case .unavailable: "unavailable"
            case .schemaTooNew: "schema too new"
            case .corruptedRecord: "corrupted record"
            case .unrepresentable: "unrepresentable"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains secret material.
    public let reason: String

    /// The error that caused this one (PostgresNIO's `PSQLError`, a decoding failure), kept as it is so
    /// callers and logs can inspect it; `nil` when there was none. Not part of equality.
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

    /// See ``Code/invalidConfiguration``.
    public static let invalidConfiguration = PostgresStoreError(.invalidConfiguration)
    /// See ``Code/unavailable``.
    public static let unavailable = PostgresStoreError(.unavailable)
    /// See ``Code/schemaTooNew``.
    public static let schemaTooNew = PostgresStoreError(.schemaTooNew)
    /// See ``Code/corruptedRecord``.
    public static let corruptedRecord = PostgresStoreError(.corruptedRecord)
    /// See ``Code/unrepresentable``.
    public static let unrepresentable = PostgresStoreError(.unrepresentable)

    /// Compares codes only, so `#expect(throws: PostgresStoreError.unavailable)` matches any reason.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs; never contains secret material.
    public var description: String {
        reason.isEmpty ? "PostgresStoreError(\(code))" : "PostgresStoreError(\(code)): \(reason)"
    }
}
