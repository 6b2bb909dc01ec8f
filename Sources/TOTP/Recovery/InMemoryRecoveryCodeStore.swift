public import AuthCore
import Synchronization

/// A ``RecoveryCodeStore`` in memory, for tests and single-process apps; atomic under a mutex.
///
/// ```swift
/// let manager = RecoveryCodeManager(store: InMemoryRecoveryCodeStore())
/// ```
public final class InMemoryRecoveryCodeStore: RecoveryCodeStore {
    private let codes = Mutex<[UserID: [RecoveryCodeDigest]]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``RecoveryCodeStore/replaceCodes(userID:digests:)``.
    public func replaceCodes(userID: UserID, digests: [RecoveryCodeDigest]) async throws {
        // A digest given twice is one code (the contract's set semantics), so it is accepted once.
        let distinct = Array(Set(digests))
        codes.withLock { $0[userID] = distinct.isEmpty ? nil : distinct }
    }

    /// See ``RecoveryCodeStore/consumeCode(userID:digest:)``.
    public func consumeCode(userID: UserID, digest: RecoveryCodeDigest) async throws -> Bool {
        codes.withLock { codes in
            guard var digests = codes[userID] else { return false }
            // Compare against every digest so the time does not depend on which one matched.
            var matched: Int?
            for (index, stored) in digests.enumerated() where ConstantTime.equals(stored.bytes, digest.bytes) {
                matched = index
            }
            guard let matched else { return false }
            digests.remove(at: matched)
            codes[userID] = digests.isEmpty ? nil : digests
            return true
        }
    }

    /// See ``RecoveryCodeStore/remainingCodes(userID:)``.
    public func remainingCodes(userID: UserID) async throws -> Int {
        codes.withLock { $0[userID]?.count ?? 0 }
    }
}
