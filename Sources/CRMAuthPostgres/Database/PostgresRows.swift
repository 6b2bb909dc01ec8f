import CRMAuthStoreSupport
import Foundation
import NIOCore
import PostgresNIO

/// Reads one row's columns by name, checking each value: a wrong type, a NULL where a value belongs or
/// a missing column throws ``PostgresStoreError/corruptedRecord`` naming the record, never traps.
struct PostgresRowReader: StoredRow {
    private let row: PostgresRandomAccessRow
    private let record: String

    /// - Parameters:
    ///   - row: the fetched row.
    ///   - record: how errors name the record ("users row 'u-1'"), never a secret.
    init(_ row: PostgresRow, record: String) {
        self.row = row.makeRandomAccess()
        self.record = record
    }

    func corrupted(_ column: String, _ problem: String, underlying: (any Error)?) -> PostgresStoreError {
        PostgresStoreError(.corruptedRecord, "\(record): column \(column) \(problem)", underlying: underlying)
    }

    func corrupted(record problem: String, underlying: (any Error)?) -> PostgresStoreError {
        PostgresStoreError(.corruptedRecord, "\(record): \(problem)", underlying: underlying)
    }

    private func decode<T: PostgresDecodable>(_ column: String, _ type: T.Type) throws(PostgresStoreError) -> T? {
        guard row.contains(column) else { throw corrupted(column, "is missing") }
        let cell = row[column]
        guard cell.bytes != nil else { return nil }
        do {
            return try cell.decode(T.self)
        } catch {
            throw corrupted(column, "cannot be read as \(T.self)", underlying: error)
        }
    }

    func optionalText(_ column: String) throws(PostgresStoreError) -> String? { try decode(column, String.self) }

    func optionalReal(_ column: String) throws(PostgresStoreError) -> Double? { try decode(column, Double.self) }

    func integer(_ column: String) throws(PostgresStoreError) -> Int64 {
        guard let integer = try decode(column, Int64.self) else { throw corrupted(column, "is NULL") }
        return integer
    }

    func bool(_ column: String) throws(PostgresStoreError) -> Bool {
        guard let value = try decode(column, Bool.self) else { throw corrupted(column, "is NULL") }
        return value
    }

    func blob(_ column: String) throws(PostgresStoreError) -> [UInt8] {
        guard let buffer = try decode(column, ByteBuffer.self) else { throw corrupted(column, "is NULL") }
        return Array(buffer.readableBytesView)
    }

}

/// A statement's bound values, numbered `$1`, `$2`, ... in the order they are added; each `add` returns
/// its placeholder for the SQL text.
struct PostgresArguments {
    private(set) var bindings = PostgresBindings()
    private var count = 0

    private mutating func next() -> String {
        count += 1
        return "$\(count)"
    }

    /// Binds text, refusing U+0000 (PostgreSQL text cannot hold it) with ``PostgresStoreError/unrepresentable``.
    mutating func text(_ value: String, _ what: String) throws(PostgresStoreError) -> String {
        guard !value.utf8.contains(0) else {
            throw PostgresStoreError(.unrepresentable, "\(what) holds U+0000, which PostgreSQL text cannot store")
        }
        bindings.append(value)
        return next()
    }

    /// Binds text or NULL.
    mutating func optionalText(_ value: String?, _ what: String) throws(PostgresStoreError) -> String {
        guard let value else {
            bindings.appendNull()
            return next()
        }
        return try text(value, what)
    }

    /// Binds a value PostgresNIO encodes without failing (numbers, booleans, bytes).
    mutating func value<T: PostgresNonThrowingEncodable>(_ value: T) -> String {
        bindings.append(value)
        return next()
    }

    /// Binds a value or NULL.
    mutating func optional<T: PostgresNonThrowingEncodable>(_ value: T?) -> String {
        guard let value else {
            bindings.appendNull()
            return next()
        }
        return self.value(value)
    }

    /// Binds an instant as its seconds since 2001.
    mutating func date(_ date: Date) -> String { value(date.timeIntervalSinceReferenceDate) }

    /// Binds an instant or NULL.
    mutating func optionalDate(_ date: Date?) -> String { optional(date?.timeIntervalSinceReferenceDate) }

    /// Binds bytes as `BYTEA`.
    mutating func bytes(_ bytes: [UInt8]) -> String { value(ByteBuffer(bytes: bytes)) }

    /// The query of `sql` over these bindings.
    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}

/// How error messages name a record: its id column, decoded leniently (ids are not secrets).
func recordName(_ table: String, _ row: PostgresRow, column: String = "id") -> String {
    let random = row.makeRandomAccess()
    guard random.contains(column), let id = try? random[column].decode(String?.self) else { return "\(table) row" }
    return "\(table) row '\(id)'"
}
