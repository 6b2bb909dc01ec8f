public import AuthCore
import Synchronization

public import struct Foundation.Date

/// A ``SessionStore`` in process memory, for tests, demos and single-process apps.
///
/// Behaves like the database stores: same errors, same atomicity (every method is one critical
/// section), values copied. A lookup by digest is one probe of a flat table under a lock (see
/// `SessionTable`): with a million sessions, most of its cost is the one cache miss on the slot.
///
/// ```swift
/// let store = InMemorySessionStore()
/// let manager = SessionManager(store: store, clock: clock, stamps: stamps)
/// ```
public final class InMemorySessionStore: SessionStore {
    private struct State {
        var sessions = SessionTable()
        var digests: [SessionID: TokenDigest] = [:]
        /// Keyed by the typed id, which compares as `UserID` defines (canonically equivalent ids are
        /// two users, as in a database).
        var idsByUser: [UserID: Set<SessionID>] = [:]

        mutating func remove(id: SessionID) -> Bool {
            guard let digest = digests.removeValue(forKey: id),
                let session = sessions.remove(digest)
            else { return false }
            idsByUser[session.userID]?.remove(id)
            if idsByUser[session.userID]?.isEmpty == true { idsByUser[session.userID] = nil }
            return true
        }
    }

    private let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    /// The number of stored sessions, expired or not.
    public var count: Int { state.withLock { $0.sessions.count } }

    /// See ``SessionStore/session(digest:)``; one table probe under the lock.
    public func session(digest: TokenDigest) async throws -> Session? {
        state.withLock { $0.sessions[digest] }
    }

    /// See ``SessionStore/insert(_:digest:limit:)``; counting, eviction and insertion are one critical section.
    public func insert(
        _ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?
    ) async throws -> [SessionID] {
        try state.withLock { (state: inout State) throws(SessionTokenError) -> [SessionID] in
            guard !state.sessions.contains(digest), state.digests[session.id] == nil else {
                throw SessionTokenError(.duplicate, "session \(session.id) or its digest is already stored")
            }
            var evicted: [SessionID] = []
            if let limit {
                let live = (state.idsByUser[session.userID] ?? [])
                    .compactMap { id in state.digests[id].flatMap { state.sessions[$0] } }
                    .filter { !$0.isExpired(at: session.createdAt) }
                    .sorted { $0.createdAt < $1.createdAt }
                let excess = live.count + 1 - limit.maximum
                if excess > 0 {
                    guard limit.overflow == .evictOldest else {
                        throw SessionTokenError(.limitReached, "the user holds \(live.count) live sessions")
                    }
                    evicted = live.prefix(excess).map(\.id)
                    for id in evicted { _ = state.remove(id: id) }
                }
            }
            state.sessions.insert(session, digest: digest)
            state.digests[session.id] = digest
            state.idsByUser[session.userID, default: []].insert(session.id)
            return evicted
        }
    }

    /// See ``SessionStore/touch(digest:lastSeenAt:)``.
    public func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        state.withLock { state in
            state.sessions.update(digest) { session in
                if lastSeenAt > session.lastSeenAt { session.lastSeenAt = lastSeenAt }
            }
        }
    }

    /// See ``SessionStore/replace(digest:with:session:)``; one critical section.
    public func replace(
        digest old: TokenDigest, with new: TokenDigest, session: Session
    ) async throws -> Bool {
        try state.withLock { (state: inout State) throws(SessionTokenError) -> Bool in
            guard let previous = state.sessions[old] else { return false }
            guard !state.sessions.contains(new) else {
                throw SessionTokenError(.duplicate, "the new digest is already stored")
            }
            if session.id != previous.id, state.digests[session.id] != nil {
                throw SessionTokenError(.duplicate, "session \(session.id) is already stored")
            }
            _ = state.remove(id: previous.id)
            state.sessions.insert(session, digest: new)
            state.digests[session.id] = new
            state.idsByUser[session.userID, default: []].insert(session.id)
            return true
        }
    }

    /// See ``SessionStore/delete(id:userID:)``; the owner check and the removal are one critical section.
    public func delete(id: SessionID, userID: UserID) async throws -> Bool {
        state.withLock { state in
            guard state.idsByUser[userID]?.contains(id) == true else { return false }
            return state.remove(id: id)
        }
    }

    /// See ``SessionStore/deleteAll(userID:except:)``.
    public func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        state.withLock { state in
            let ids = (state.idsByUser[userID] ?? []).filter { $0 != kept }
            return ids.reduce(0) { removed, id in removed + (state.remove(id: id) ? 1 : 0) }
        }
    }

    /// See ``SessionStore/sessions(userID:)``.
    public func sessions(userID: UserID) async throws -> [Session] {
        state.withLock { state in
            (state.idsByUser[userID] ?? []).compactMap { id in state.digests[id].flatMap { state.sessions[$0] } }
        }
    }

    /// See ``SessionStore/purgeExpired(at:)``; scans every session.
    public func purgeExpired(at date: Date) async throws -> Int {
        state.withLock { state in
            let expired = state.sessions.sessions.filter { $0.isExpired(at: date) }.map(\.id)
            return expired.reduce(0) { removed, id in removed + (state.remove(id: id) ? 1 : 0) }
        }
    }
}
