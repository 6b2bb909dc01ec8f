package import Foundation

/// One stored row as a backend reads it, column by column, each value checked: a wrong type, a NULL
/// where a value belongs or a missing column is the backend's corrupted-record error (`Failure`) naming
/// the record and the column, never a trap.
///
/// The SQLite and PostgreSQL backends each read their rows through one of these, so every record type
/// is rebuilt from its columns by one function here (`User.stored(_:)`, `Session.stored(_:)`, ...):
/// the two backends differ in SQL, never in what a row means or in what counts as damage.
package protocol StoredRow {
    /// The backend's store error.
    associatedtype Failure: Error

    /// The error for damage in `column` ("column status holds an invalid value").
    func corrupted(_ column: String, _ problem: String, underlying: (any Error)?) -> Failure

    /// The error for damage in the record as a whole (an event out of bounds).
    func corrupted(record problem: String, underlying: (any Error)?) -> Failure

    /// Text, or `nil` for NULL.
    func optionalText(_ column: String) throws(Failure) -> String?

    /// A double, or `nil` for NULL.
    func optionalReal(_ column: String) throws(Failure) -> Double?

    /// A 64-bit integer; NULL is damage.
    func integer(_ column: String) throws(Failure) -> Int64

    /// A boolean; NULL is damage.
    func bool(_ column: String) throws(Failure) -> Bool

    /// Bytes; NULL is damage.
    func blob(_ column: String) throws(Failure) -> [UInt8]
}

extension StoredRow {
    package func corrupted(_ column: String, _ problem: String) -> Failure {
        corrupted(column, problem, underlying: nil)
    }

    package func text(_ column: String) throws(Failure) -> String {
        guard let text = try optionalText(column) else { throw corrupted(column, "is NULL") }
        return text
    }

    package func real(_ column: String) throws(Failure) -> Double {
        guard let real = try optionalReal(column) else { throw corrupted(column, "is NULL") }
        return real
    }

    /// An instant kept as its seconds since 2001 (the `Date`'s own `Double`).
    package func date(_ column: String) throws(Failure) -> Date {
        Date(timeIntervalSinceReferenceDate: try real(column))
    }

    package func optionalDate(_ column: String) throws(Failure) -> Date? {
        try optionalReal(column).map { Date(timeIntervalSinceReferenceDate: $0) }
    }

    /// A count: an integer from 0 to `Int.max`.
    package func count(_ column: String) throws(Failure) -> Int {
        let value = try integer(column)
        guard value >= 0, let count = Int(exactly: value) else { throw corrupted(column, "is negative") }
        return count
    }

    /// A sequence number or version: an integer of at least `minimum`.
    package func unsigned(_ column: String, minimum: UInt64) throws(Failure) -> UInt64 {
        let value = try integer(column)
        guard value >= 0, UInt64(value) >= minimum else {
            throw corrupted(column, minimum == 0 ? "is negative" : "is below \(minimum)")
        }
        return UInt64(value)
    }

    /// Parses a text column with `parse`, turning its failure into a corrupted-record error.
    package func parsed<T>(_ column: String, _ parse: (String) throws -> T) throws(Failure) -> T {
        let text = try text(column)
        do { return try parse(text) } catch { throw corrupted(column, "holds an invalid value", underlying: error) }
    }

    /// As ``parsed(_:_:)`` for a nullable column.
    package func optionalParsed<T>(_ column: String, _ parse: (String) throws -> T) throws(Failure) -> T? {
        guard let text = try optionalText(column) else { return nil }
        do { return try parse(text) } catch { throw corrupted(column, "holds an invalid value", underlying: error) }
    }

    /// Bytes checked by `make`, whose failure is a corrupted-record error saying what they should be.
    package func bytes<T>(_ column: String, as what: String, _ make: ([UInt8]) throws -> T) throws(Failure) -> T {
        let bytes = try blob(column)
        do { return try make(bytes) } catch { throw corrupted(column, "is not \(what)", underlying: error) }
    }
}
