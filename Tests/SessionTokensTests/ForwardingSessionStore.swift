import AuthCore
import Foundation
import SessionTokens

/// A session store that hands every call to an in-memory store. Tests subclass it and override only the
/// call they watch or hold (`CountingStore`, `GatedStore`).
///
/// `@unchecked Sendable`: a non-final class; its one stored property is an immutable `Sendable` store,
/// and subclasses keep their own state behind a `Mutex`.
class ForwardingSessionStore: SessionStore, @unchecked Sendable {
    let inner = InMemorySessionStore()

    func session(digest: TokenDigest) async throws -> Session? { try await inner.session(digest: digest) }
    func insert(_ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID] {
        try await inner.insert(session, digest: digest, limit: limit)
    }
    func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await inner.touch(digest: digest, lastSeenAt: lastSeenAt)
    }
    func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        try await inner.replace(digest: old, with: new, session: session)
    }
    func delete(id: SessionID, userID: UserID) async throws -> Bool { try await inner.delete(id: id, userID: userID) }
    func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        try await inner.deleteAll(userID: userID, except: kept)
    }
    func sessions(userID: UserID) async throws -> [Session] { try await inner.sessions(userID: userID) }
    func purgeExpired(at date: Date) async throws -> Int { try await inner.purgeExpired(at: date) }
}
