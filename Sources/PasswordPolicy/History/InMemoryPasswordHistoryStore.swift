import AuthCore
import Synchronization

/// A ``PasswordHistoryStore`` in memory, for tests and single-process apps; atomic under a mutex.
///
/// ```swift
/// let history = try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: hasher)
/// ```
public final class InMemoryPasswordHistoryStore: PasswordHistoryStore {
    /// Keyed by ``ExactText``, not `String`: Swift's `==` treats canonically equivalent ids ("é" and
    /// "e" + U+0301) as one, where a database compares them byte for byte.
    private let entriesByUser = Mutex<[ExactText: [PasswordHistoryEntry]]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``PasswordHistoryStore/append(_:userID:keepingNewest:)``.
    public func append(_ entry: PasswordHistoryEntry, userID: String, keepingNewest limit: Int) async throws {
        guard limit >= 1 else {
            throw PasswordPolicyError(.invalidConfiguration, "a password history keeps at least 1 entry, not \(limit)")
        }
        entriesByUser.withLock { entries in
            let key = ExactText(userID)
            entries[key] = [entry] + (entries[key] ?? []).prefix(limit - 1)
        }
    }

    /// See ``PasswordHistoryStore/entries(userID:)``.
    public func entries(userID: String) async throws -> [PasswordHistoryEntry] {
        entriesByUser.withLock { $0[ExactText(userID)] ?? [] }
    }

    /// See ``PasswordHistoryStore/removeEntries(userID:)``.
    public func removeEntries(userID: String) async throws {
        _ = entriesByUser.withLock { $0.removeValue(forKey: ExactText(userID)) }
    }
}
