public import AuthCore
import Synchronization

/// A ``PasswordHistoryStore`` in memory, for tests and single-process apps; atomic under a mutex.
///
/// ```swift
/// let history = try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: hasher)
/// ```
public final class InMemoryPasswordHistoryStore: PasswordHistoryStore {
    /// Keyed by the typed id, which compares as `UserID` defines: never by Swift's `String` `==`.
    private let entriesByUser = Mutex<[UserID: [PasswordHistoryEntry]]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``PasswordHistoryStore/append(_:userID:keepingNewest:)``.
    public func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        guard limit >= 1 else {
            throw PasswordPolicyError(.invalidConfiguration, "a password history keeps at least 1 entry, not \(limit)")
        }
        entriesByUser.withLock { entries in
            entries[userID] = [entry] + (entries[userID] ?? []).prefix(limit - 1)
        }
    }

    /// See ``PasswordHistoryStore/entries(userID:)``.
    public func entries(userID: UserID) async throws -> [PasswordHistoryEntry] {
        entriesByUser.withLock { $0[userID] ?? [] }
    }

    /// See ``PasswordHistoryStore/removeEntries(userID:)``.
    public func removeEntries(userID: UserID) async throws {
        _ = entriesByUser.withLock { $0.removeValue(forKey: userID) }
    }
}
