import Foundation
import GRDB

/// Reads one row's columns by name, checking each value's storage class: a wrong type or a missing
/// column throws ``SQLiteStoreError/corruptedRecord`` naming the record, never traps (GRDB's typed
/// subscripts stop the process on a mismatch, so the stores never use them on stored rows).
struct RowReader {
    private let values: [String: DatabaseValue]
    private let record: String

    /// - Parameters:
    ///   - row: the fetched row.
    ///   - record: how errors name the record ("users row 'u-1'"), never a secret.
    init(_ row: Row, record: String) {
        var values: [String: DatabaseValue] = [:]
        for (name, value) in row { values[name] = value }
        self.values = values
        self.record = record
    }

    func corrupted(_ column: String, _ problem: String, underlying: (any Error)? = nil) -> SQLiteStoreError {
        SQLiteStoreError(.corruptedRecord, "\(record): column \(column) \(problem)", underlying: underlying)
    }

    private func value(_ column: String) throws(SQLiteStoreError) -> DatabaseValue {
        guard let value = values[column] else { throw corrupted(column, "is missing") }
        return value
    }

    func text(_ column: String) throws(SQLiteStoreError) -> String {
        guard let text = try optionalText(column) else { throw corrupted(column, "is NULL") }
        return text
    }

    func optionalText(_ column: String) throws(SQLiteStoreError) -> String? {
        switch try value(column).storage {
        case .null: return nil
        case .string(let text): return text
        default: throw corrupted(column, "is not TEXT")
        }
    }

    func real(_ column: String) throws(SQLiteStoreError) -> Double {
        guard let real = try optionalReal(column) else { throw corrupted(column, "is NULL") }
        return real
    }

    func optionalReal(_ column: String) throws(SQLiteStoreError) -> Double? {
        switch try value(column).storage {
        case .null: return nil
        case .double(let real): return real
        // SQLite keeps an integral REAL as an integer on disk, and `RETURNING` can hand it back as one:
        // such an integer converts to the same Double exactly.
        case .int64(let integer):
            guard let real = Double(exactly: integer) else { throw corrupted(column, "is out of range") }
            return real
        default: throw corrupted(column, "is not REAL")
        }
    }

    func date(_ column: String) throws(SQLiteStoreError) -> Date {
        Date(timeIntervalSinceReferenceDate: try real(column))
    }

    func optionalDate(_ column: String) throws(SQLiteStoreError) -> Date? {
        try optionalReal(column).map { Date(timeIntervalSinceReferenceDate: $0) }
    }

    func integer(_ column: String) throws(SQLiteStoreError) -> Int64 {
        switch try value(column).storage {
        case .int64(let integer): return integer
        case .null: throw corrupted(column, "is NULL")
        default: throw corrupted(column, "is not INTEGER")
        }
    }

    func bool(_ column: String) throws(SQLiteStoreError) -> Bool {
        switch try integer(column) {
        case 0: return false
        case 1: return true
        default: throw corrupted(column, "is neither 0 nor 1")
        }
    }

    func blob(_ column: String) throws(SQLiteStoreError) -> [UInt8] {
        switch try value(column).storage {
        case .blob(let data): return [UInt8](data)
        case .null: throw corrupted(column, "is NULL")
        default: throw corrupted(column, "is not a BLOB")
        }
    }

    /// Parses a text column with `parse`, turning its failure into a corrupted-record error.
    func parsed<T>(_ column: String, _ parse: (String) throws -> T) throws(SQLiteStoreError) -> T {
        let text = try text(column)
        do { return try parse(text) } catch { throw corrupted(column, "holds an invalid value", underlying: error) }
    }

    /// As ``parsed(_:_:)`` for a nullable column.
    func optionalParsed<T>(_ column: String, _ parse: (String) throws -> T) throws(SQLiteStoreError) -> T? {
        guard let text = try optionalText(column) else { return nil }
        do { return try parse(text) } catch { throw corrupted(column, "holds an invalid value", underlying: error) }
    }
}

extension DatabaseError {
    /// A UNIQUE or PRIMARY KEY constraint refused the statement.
    var isUniqueViolation: Bool {
        extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }

    /// Whether the violated unique constraint is on `table.column` (SQLite names it in the message).
    func violates(_ table: String, _ column: String) -> Bool {
        isUniqueViolation && (message ?? "").contains("\(table).\(column)")
    }
}

/// A stored text a field refuses ("unknown status"), for ``RowReader/parsed(_:_:)``.
struct InvalidStoredValue: Error {
    let description: String
}

/// JSON in a `TEXT` column (lists kept with their owner's row).
enum JSONText {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
