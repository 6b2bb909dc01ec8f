import AuthCore
import Synchronization

public import struct Foundation.Date

/// A ``OneTimeTokenStore`` in process memory; every method is one critical section.
public final class InMemoryOneTimeTokenStore: OneTimeTokenStore {
    private let records = Mutex([TokenDigest: OneTimeTokenRecord]())

    /// Creates an empty store.
    public init() {}

    /// The number of outstanding records.
    public var count: Int { records.withLock { $0.count } }

    /// See ``OneTimeTokenStore/insert(_:digest:)``.
    public func insert(_ record: OneTimeTokenRecord, digest: TokenDigest) async throws {
        try records.withLock { (records: inout [TokenDigest: OneTimeTokenRecord]) throws(SessionTokenError) in
            guard records[digest] == nil else { throw SessionTokenError(.duplicate, "digest already stored") }
            records[digest] = record
        }
    }

    /// See ``OneTimeTokenStore/consume(digest:purpose:)``.
    public func consume(digest: TokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord? {
        records.withLock { records in
            // By name, byte for byte, as a database matches its purpose column: a changed default
            // lifetime must not orphan the tokens already sent, and a canonically equivalent spelling
            // of the name is another purpose.
            guard let stored = records[digest], ExactText(stored.purpose.name) == ExactText(purpose.name) else {
                return nil
            }
            return records.removeValue(forKey: digest)
        }
    }

    /// See ``OneTimeTokenStore/purgeExpired(at:)``.
    public func purgeExpired(at date: Date) async throws -> Int {
        records.withLock { records in
            let before = records.count
            records = records.filter { $0.value.expiresAt > date }
            return before - records.count
        }
    }
}
