import CRMAuthStoreSupport
import Foundation
import GRDB

/// Reads one row's columns by name, checking each value's storage class: a wrong type or a missing
/// column throws ``SQLiteStoreError/corruptedRecord`` naming the record, never traps (GRDB's typed
/// subscripts stop the process on a mismatch, so the stores never use them on stored rows).
struct RowReader: StoredRow {
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

    func corrupted(_ column: String, _ problem: String, underlying: (any Error)?) -> SQLiteStoreError {
        SQLiteStoreError(.corruptedRecord, "\(record): column \(column) \(problem)", underlying: underlying)
    }

    func corrupted(record problem: String, underlying: (any Error)?) -> SQLiteStoreError {
        SQLiteStoreError(.corruptedRecord, "\(record): \(problem)", underlying: underlying)
    }

    private func value(_ column: String) throws(SQLiteStoreError) -> DatabaseValue {
        guard let value = values[column] else { throw corrupted(column, "is missing") }
        return value
    }

    func optionalText(_ column: String) throws(SQLiteStoreError) -> String? {
        switch try value(column).storage {
        case .null: return nil
        case .string(let text): return text
        case .blob(let bytes):
            // Text columns are selected as CAST(column AS BLOB): every byte, checked as UTF-8.
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw corrupted(column, "is not valid UTF-8")
            }
            return text
        default: throw corrupted(column, "is not TEXT")
        }
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

/// A text argument bound byte for byte.
///
/// GRDB binds a `String` with `sqlite3_bind_text(..., -1, ...)` and reads `TEXT` with
/// `String(cString:)`, both of which stop at the first U+0000: a display name or user agent holding one
/// would lose its tail. So text holding U+0000 is bound as its UTF-8 `BLOB`, every text placeholder is
/// written `CAST(? AS TEXT)` (a `BLOB` cast to `TEXT` keeps every byte; a `TEXT` is unchanged), and
/// text columns are read back as `CAST(column AS BLOB)`, decoded as strict UTF-8 by ``RowReader``.
struct SQLText: DatabaseValueConvertible {
    let text: String

    init(_ text: String) { self.text = text }

    var databaseValue: DatabaseValue {
        text.utf8.contains(0) ? Data(text.utf8).databaseValue : text.databaseValue
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> SQLText? { nil }
}

extension Optional where Wrapped == String {
    /// The text as an ``SQLText`` argument, `NULL` when `nil`.
    var sqlText: SQLText? { map(SQLText.init) }
}

extension String {
    /// The text as an ``SQLText`` argument.
    var sqlText: SQLText { SQLText(self) }
}

/// SQL fragments for a table's columns, text columns read as `BLOB` and written through `CAST`.
struct ColumnList {
    let all: [String]
    let text: Set<String>

    /// `CAST(name AS BLOB) AS name` for text columns, `name` for the others.
    var select: String {
        all.map { text.contains($0) ? "CAST(\($0) AS BLOB) AS \($0)" : $0 }.joined(separator: ", ")
    }

    /// The named placeholder for `column`: `CAST(:column AS TEXT)` for text.
    func placeholder(_ column: String) -> String {
        text.contains(column) ? "CAST(:\(column) AS TEXT)" : ":\(column)"
    }

    /// `INSERT INTO table (...) VALUES (...)` over every column, with named placeholders.
    func insert(into table: String) -> String {
        "INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(all.map(placeholder).joined(separator: ", ")))"
    }

    /// `a = <placeholder>, ...` for every column but those in `excluded`.
    func assignments(excluding excluded: Set<String> = []) -> String {
        all.filter { !excluded.contains($0) }.map { "\($0) = \(placeholder($0))" }.joined(separator: ", ")
    }
}

/// How error messages name a record: its id column, decoded leniently (ids are not secrets).
func recordName(_ table: String, _ row: Row, column: String = "id") -> String {
    switch row[column].map({ $0.databaseValue.storage }) {
    case .string(let text): "\(table) row '\(text)'"
    case .blob(let bytes): "\(table) row '\(String(decoding: bytes, as: UTF8.self))'"
    default: "\(table) row"
    }
}
