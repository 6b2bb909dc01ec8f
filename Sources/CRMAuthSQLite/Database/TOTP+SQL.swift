import Foundation
import GRDB
import TOTP

extension SealedOTPSecret {
    /// The sealed bytes as a `BLOB`, as given. GRDB may bind empty `Data` as `NULL`, so statements write
    /// the placeholder `COALESCE(?, x'')`: an empty value is an empty `BLOB`, never "nothing stored".
    var sqlValue: DatabaseValue { Data(bytes).databaseValue }
}

extension RecoveryCodeDigest {
    /// The digest as the 32-byte `BLOB` the `recovery_codes` table keeps.
    var sqlValue: DatabaseValue { Data(bytes).databaseValue }
}
