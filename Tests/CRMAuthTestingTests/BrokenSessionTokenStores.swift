import AuthCore
import Foundation
import SessionTokens
import Synchronization

/// Returns the record without removing it: a password-reset link works forever.
final class DoubleSpendingOneTimeTokenStore: OneTimeTokenStore {
    private let base = InMemoryOneTimeTokenStore()
    private let records = Mutex([SessionTokenDigest: OneTimeTokenRecord]())

    func insert(_ record: OneTimeTokenRecord, digest: SessionTokenDigest) async throws {
        try await base.insert(record, digest: digest)
        records.withLock { $0[digest] = record }
    }

    func consume(digest: SessionTokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord? {
        records.withLock { records in
            records[digest].flatMap { ExactText($0.purpose.name) == ExactText(purpose.name) ? $0 : nil }
        }
    }

    func purgeExpired(at date: Date) async throws -> Int {
        _ = try await base.purgeExpired(at: date)
        return records.withLock { records in
            let before = records.count
            records = records.filter { $0.value.expiresAt > date }
            return before - records.count
        }
    }
}

/// Detects reuse but leaves the family alive: a thief holding the newest token keeps it.
final class ReuseForgivingRefreshTokenStore: RefreshTokenStore {
    private let base = InMemoryRefreshTokenStore()

    func insert(_ record: RefreshTokenRecord, digest: SessionTokenDigest) async throws {
        try await base.insert(record, digest: digest)
    }

    func record(digest: SessionTokenDigest) async throws -> RefreshTokenRecord? { try await base.record(digest: digest) }

    func rotate(digest old: SessionTokenDigest, to new: SessionTokenDigest) async throws -> RefreshRotation {
        if let record = try await base.record(digest: old), record.isUsed { return .reuseDetected(familyID: record.familyID) }
        return try await base.rotate(digest: old, to: new)
    }

    func revokeFamily(_ familyID: SessionID) async throws -> Int { try await base.revokeFamily(familyID) }

    func purgeExpired(at date: Date) async throws -> Int { try await base.purgeExpired(at: date) }
}

/// Purges by the system clock instead of the instant it is given.
final class SystemClockPurgingSessionStore: SessionStore {
    private let base = InMemorySessionStore()

    func session(digest: SessionTokenDigest) async throws -> Session? { try await base.session(digest: digest) }

    func insert(_ session: Session, digest: SessionTokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID] {
        try await base.insert(session, digest: digest, limit: limit)
    }

    func touch(digest: SessionTokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await base.touch(digest: digest, lastSeenAt: lastSeenAt)
    }

    func replace(digest old: SessionTokenDigest, with new: SessionTokenDigest, session: Session) async throws -> Bool {
        try await base.replace(digest: old, with: new, session: session)
    }

    func delete(id: SessionID) async throws -> Bool { try await base.delete(id: id) }

    func deleteAll(userID: String, except kept: SessionID?) async throws -> Int {
        try await base.deleteAll(userID: userID, except: kept)
    }

    func sessions(userID: String) async throws -> [Session] { try await base.sessions(userID: userID) }

    func purgeExpired(at date: Date) async throws -> Int { try await base.purgeExpired(at: Date()) }
}

/// Stores user ids NFC-normalized, as an app's trigger or a normalizing column type might: "café" typed
/// two ways becomes one user, so one's sign-out everywhere ends the other's sessions.
final class NormalizingSessionStore: SessionStore {
    private let base = InMemorySessionStore()

    func session(digest: SessionTokenDigest) async throws -> Session? { try await base.session(digest: digest) }

    func insert(_ session: Session, digest: SessionTokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID] {
        var normalized = session
        normalized.userID = session.userID.precomposedStringWithCanonicalMapping
        return try await base.insert(normalized, digest: digest, limit: limit)
    }

    func touch(digest: SessionTokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await base.touch(digest: digest, lastSeenAt: lastSeenAt)
    }

    func replace(digest old: SessionTokenDigest, with new: SessionTokenDigest, session: Session) async throws -> Bool {
        var normalized = session
        normalized.userID = session.userID.precomposedStringWithCanonicalMapping
        return try await base.replace(digest: old, with: new, session: normalized)
    }

    func delete(id: SessionID) async throws -> Bool { try await base.delete(id: id) }

    func deleteAll(userID: String, except kept: SessionID?) async throws -> Int {
        try await base.deleteAll(userID: userID.precomposedStringWithCanonicalMapping, except: kept)
    }

    func sessions(userID: String) async throws -> [Session] {
        try await base.sessions(userID: userID.precomposedStringWithCanonicalMapping)
    }

    func purgeExpired(at date: Date) async throws -> Int { try await base.purgeExpired(at: date) }
}
