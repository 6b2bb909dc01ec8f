import Foundation
import GRDB
import SessionTokens

extension TokenDigest {
    /// The digest as the 32-byte `BLOB` the tables key on.
    var sqlValue: DatabaseValue { Data(bytes).databaseValue }
}
