public import AuthCore
import Synchronization

public import struct Foundation.Date
public import struct Foundation.TimeInterval

/// A ``SessionStore`` in front of a shared one (PostgreSQL, or SQLite opened by several processes) that
/// answers ``session(digest:)`` from memory for a bounded time, so that most requests validate without
/// a round trip to the database.
///
/// **What stays exact, and what is delayed.** Every write goes to the shared store first and then
/// corrects this cache, so on this server a logout, a rotation, "sign out everywhere" or a purge is
/// seen at once. A session revoked **on another server** is still answered from this cache for at most
/// ``maximumAge`` seconds after this server last read it from the shared store: that is the documented
/// bound on the revocation delay. Nothing else is cached: the security stamp (`SecurityStampProvider`,
/// which the login flow reads from its user store on every validation) is not, so disabling a user,
/// changing a password or revoking by security stamp ends that user's sessions on every server at
/// once. Only sessions found are cached; an unknown digest always asks the shared store, so a session
/// issued on another server is usable here immediately.
///
/// "Last seen" writes go through (``touch(digest:lastSeenAt:)``) and move the cached copy forward too.
/// A cached copy may lag another server's "last seen" by at most ``maximumAge``, which only matters to
/// an idle timeout shorter than that.
///
/// **Memory.** At most ``capacity`` sessions are cached; when full, copies older than ``maximumAge``
/// are dropped first, then the oldest copies, a sixteenth of the capacity at a time.
///
/// Use it only where a revocation delay of ``maximumAge`` is acceptable; the library's defaults do
/// not cache. `SessionStoreConformance` in CRMAuthTesting passes on it.
public final class CachingSessionStore<Base: SessionStore>: SessionStore {
    /// The shared store every call goes through, reads included when the copy is older than ``maximumAge``.
    public let base: Base
    /// The longest time, in seconds, a session read from ``base`` is answered from memory.
    public let maximumAge: TimeInterval
    /// The most sessions held in memory.
    public let capacity: Int

    private struct Entry {
        var session: Session
        let fetchedAt: Date
    }

    private struct State {
        var entries: [TokenDigest: Entry] = [:]
        /// Moves on every write: a read from ``base`` that a write overtook is not kept (it may hold
        /// what the write removed).
        var generation: UInt64 = 0
    }

    private let clock: any WallClock
    private let state = Mutex(State())

    /// A cache in front of `base`.
    /// - Parameters:
    ///   - base: the shared store.
    ///   - maximumAge: seconds a copy is answered from memory, from 0 (nothing is served from memory)
    ///     to 60.
    ///   - capacity: the most sessions held, at least 16.
    ///   - clock: the clock that ages copies (the system clock by default).
    /// - Precondition: `maximumAge` is finite and within 0...60.
    public init(base: Base, maximumAge: TimeInterval, capacity: Int = 100_000, clock: any WallClock = SystemClock()) {
        precondition(maximumAge.isFinite && (0...60).contains(maximumAge), "maximumAge must be 0 to 60 seconds")
        self.base = base
        self.maximumAge = maximumAge
        self.capacity = max(16, capacity)
        self.clock = clock
    }

    /// How many sessions are held in memory now.
    public var cachedCount: Int { state.withLock { $0.entries.count } }

    /// See ``SessionStore/session(digest:)``: from memory if this server read it from ``base`` less
    /// than ``maximumAge`` seconds ago, otherwise from ``base`` (and then kept).
    public func session(digest: TokenDigest) async throws -> Session? {
        let now = clock.now()
        let (cached, generation) = state.withLock { state -> (Session?, UInt64) in
            guard let entry = state.entries[digest] else { return (nil, state.generation) }
            guard now >= entry.fetchedAt, now.timeIntervalSince(entry.fetchedAt) < maximumAge else {
                state.entries[digest] = nil
                return (nil, state.generation)
            }
            return (entry.session, state.generation)
        }
        if let cached { return cached }
        guard let session = try await base.session(digest: digest) else { return nil }
        if maximumAge > 0 { keep(session, digest: digest, fetchedAt: now, readAt: generation) }
        return session
    }

    /// See ``SessionStore/insert(_:digest:limit:)``; evicted sessions leave the cache.
    public func insert(_ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?) async throws
        -> [SessionID]
    {
        let evicted = try await base.insert(session, digest: digest, limit: limit)
        if !evicted.isEmpty {
            let ids = Set(evicted)
            forget { session, _ in ids.contains(session.id) }
        }
        return evicted
    }

    /// See ``SessionStore/touch(digest:lastSeenAt:)``; the cached copy moves forward too.
    public func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        let touched = try await base.touch(digest: digest, lastSeenAt: lastSeenAt)
        state.withLock { state in
            state.generation &+= 1
            if !touched {
                state.entries[digest] = nil
            } else if let entry = state.entries[digest], entry.session.lastSeenAt < lastSeenAt {
                state.entries[digest]?.session.lastSeenAt = lastSeenAt
            }
        }
        return touched
    }

    /// See ``SessionStore/replace(digest:with:session:)``; the old digest leaves the cache at once.
    public func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        forget(digest: old)
        let replaced = try await base.replace(digest: old, with: new, session: session)
        forget(digest: old)
        return replaced
    }

    /// See ``SessionStore/delete(id:userID:)``.
    public func delete(id: SessionID, userID: UserID) async throws -> Bool {
        forget { session, _ in session.id == id && session.userID == userID }
        let deleted = try await base.delete(id: id, userID: userID)
        forget { session, _ in session.id == id && session.userID == userID }
        return deleted
    }

    /// See ``SessionStore/deleteAll(userID:except:)``.
    public func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        forget { session, _ in session.userID == userID && session.id != kept }
        let deleted = try await base.deleteAll(userID: userID, except: kept)
        forget { session, _ in session.userID == userID && session.id != kept }
        return deleted
    }

    /// See ``SessionStore/sessions(userID:)``; always from ``base``.
    public func sessions(userID: UserID) async throws -> [Session] {
        try await base.sessions(userID: userID)
    }

    /// See ``SessionStore/purgeExpired(at:)``.
    public func purgeExpired(at date: Date) async throws -> Int {
        let purged = try await base.purgeExpired(at: date)
        forget { session, _ in session.isExpired(at: date) }
        return purged
    }

    /// Forgets every cached session (for example after restoring the shared store from a backup).
    public func removeAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll()
        }
    }

    /// Drops the cached copies that `matches` (a session and its digest), and moves the generation so
    /// that no read in flight keeps one again.
    private func forget(_ matches: (Session, TokenDigest) -> Bool) {
        state.withLock { state in
            state.generation &+= 1
            let gone = state.entries.compactMap { matches($0.value.session, $0.key) ? $0.key : nil }
            for digest in gone { state.entries[digest] = nil }
        }
    }

    /// Drops the copy under `digest`, and moves the generation.
    private func forget(digest: TokenDigest) {
        state.withLock { state in
            state.generation &+= 1
            state.entries[digest] = nil
        }
    }

    /// Keeps a copy read at `fetchedAt` unless a write happened since the read began (`generation`),
    /// making room first when the cache is full.
    private func keep(_ session: Session, digest: TokenDigest, fetchedAt: Date, readAt generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries[digest] == nil, state.entries.count >= capacity {
                let stale = state.entries.compactMap {
                    fetchedAt.timeIntervalSince($0.value.fetchedAt) < maximumAge ? nil : $0.key
                }
                for key in stale { state.entries[key] = nil }
                if state.entries.count >= capacity {
                    let oldest = state.entries.sorted { $0.value.fetchedAt < $1.value.fetchedAt }
                        .prefix(max(1, capacity / 16)).map(\.key)
                    for key in oldest { state.entries[key] = nil }
                }
            }
            state.entries[digest] = Entry(session: session, fetchedAt: fetchedAt)
        }
    }
}
