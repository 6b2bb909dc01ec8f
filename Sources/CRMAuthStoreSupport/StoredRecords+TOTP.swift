import Foundation
package import RBAC
package import TOTP

// The TOTP-area records (`totp_enrollments`, `hotp_counters`) and the role policy (`rbac_policy`)
// rebuilt from their columns, once for both backends, as in StoredRecords.swift.

extension SealedOTPSecret {
    /// The sealed secret in `column` of a `totp_enrollments` row (`pending` or `active`), as stored: the
    /// bytes are never opened here. A backend that keeps a length beside the bytes checks it itself.
    package static func stored<Row: StoredRow>(_ row: Row, column: String) throws(Row.Failure) -> SealedOTPSecret {
        SealedOTPSecret(bytes: try row.blob(column))
    }
}

extension PendingOTPSecret {
    /// The pending secret of a `totp_enrollments` row: `pending` and `pending_created_at`, both required.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> PendingOTPSecret {
        PendingOTPSecret(
            secret: try SealedOTPSecret.stored(row, column: "pending"), createdAt: try row.date("pending_created_at"))
    }
}

/// An HOTP counter as `hotp_counters.last` keeps it: `Int64(bitPattern: counter ^ 2^63)`, so the
/// database's signed `<` is the counter's unsigned `<` over the whole range (0 is `Int64.min`,
/// `UInt64.max` is `Int64.max`).
package enum HOTPCounterColumn {
    private static let signBit: UInt64 = 1 << 63

    /// The column value of `counter`.
    package static func stored(_ counter: UInt64) -> Int64 { Int64(bitPattern: counter ^ signBit) }

    /// The counter a column value stands for.
    package static func counter(_ stored: Int64) -> UInt64 { UInt64(bitPattern: stored) ^ signBit }
}

extension StoredRow {
    /// The HOTP counter in `column` (``HOTPCounterColumn``).
    package func hotpCounter(_ column: String = "last") throws(Failure) -> UInt64 {
        HOTPCounterColumn.counter(try integer(column))
    }
}

extension VersionedPolicy {
    /// The `rbac_policy` row: `version` (0 or more) and `document`, a `PolicyDocument` that must decode
    /// to a valid policy.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> VersionedPolicy {
        let version = try row.unsigned("version", minimum: 0)
        let policy = try row.parsed("document") { text in try PolicyDocument.decode(Data(text.utf8)) }
        return VersionedPolicy(policy: policy, version: version)
    }
}
