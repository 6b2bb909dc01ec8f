import AuthCore
import PasswordPolicy
import Synchronization

/// Keeps the right entries but lists them oldest first (`ORDER BY seq` where `DESC` belongs).
final class OldestFirstHistoryStore: PasswordHistoryStore {
    private let base = InMemoryPasswordHistoryStore()

    func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        try await base.append(entry, userID: userID, keepingNewest: limit)
    }

    func entries(userID: UserID) async throws -> [PasswordHistoryEntry] {
        try await base.entries(userID: userID).reversed()
    }

    func removeEntries(userID: UserID) async throws { try await base.removeEntries(userID: userID) }
}

/// Trims the old list to `limit` before adding the new entry, so it keeps one entry too many.
final class OneTooManyHistoryStore: PasswordHistoryStore {
    private let lists = Mutex<[[UInt8]: [PasswordHistoryEntry]]>([:])

    func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        guard limit >= 1 else { throw PasswordPolicyError.invalidConfiguration }
        lists.withLock { lists in
            lists[Array(userID.rawValue.utf8)] = [entry] + (lists[Array(userID.rawValue.utf8)] ?? []).prefix(limit)
        }
    }

    func entries(userID: UserID) async throws -> [PasswordHistoryEntry] {
        lists.withLock { $0[Array(userID.rawValue.utf8)] ?? [] }
    }

    func removeEntries(userID: UserID) async throws {
        _ = lists.withLock { $0.removeValue(forKey: Array(userID.rawValue.utf8)) }
    }
}

/// Keyed by `String`, whose `==` is canonical equivalence: "café" typed two ways is one account.
final class StringKeyedHistoryStore: PasswordHistoryStore {
    private let lists = Mutex<[String: [PasswordHistoryEntry]]>([:])

    func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        guard limit >= 1 else { throw PasswordPolicyError.invalidConfiguration }
        lists.withLock { lists in lists[userID.rawValue] = [entry] + (lists[userID.rawValue] ?? []).prefix(limit - 1) }
    }

    func entries(userID: UserID) async throws -> [PasswordHistoryEntry] { lists.withLock { $0[userID.rawValue] ?? [] } }

    func removeEntries(userID: UserID) async throws { _ = lists.withLock { $0.removeValue(forKey: userID.rawValue) } }
}

/// Reads and trims the list, then writes it back with the new entry in a second step: the first two
/// callers both read the list before either writes (they meet at a rendezvous in between, standing
/// in for the gap between a SELECT and an UPDATE), so one of their entries, and every entry written
/// meanwhile, is lost. Only meaningful under a race: a lone first caller would wait for a second one.
final class TrimThenAppendHistoryStore: PasswordHistoryStore {
    private let lists = Mutex<[[UInt8]: [PasswordHistoryEntry]]>([:])
    private let rendezvous = Mutex<(arrived: Int, waiting: CheckedContinuation<Void, Never>?)>((0, nil))

    func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        guard limit >= 1 else { throw PasswordPolicyError.invalidConfiguration }
        let key = Array(userID.rawValue.utf8)
        let kept = lists.withLock { ($0[key] ?? []).prefix(limit - 1) }
        await meet()
        lists.withLock { $0[key] = [entry] + kept }
    }

    func entries(userID: UserID) async throws -> [PasswordHistoryEntry] {
        lists.withLock { $0[Array(userID.rawValue.utf8)] ?? [] }
    }

    func removeEntries(userID: UserID) async throws {
        _ = lists.withLock { $0.removeValue(forKey: Array(userID.rawValue.utf8)) }
    }

    /// The first caller waits for the second; later callers pass straight through.
    private func meet() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let release: [CheckedContinuation<Void, Never>] = rendezvous.withLock { state in
                state.arrived += 1
                switch state.arrived {
                case 1:
                    state.waiting = continuation
                    return []
                case 2:
                    defer { state.waiting = nil }
                    return [continuation] + (state.waiting.map { [$0] } ?? [])
                default: return [continuation]
                }
            }
            for waiter in release { waiter.resume() }
        }
    }
}
