import AuthCore
import Foundation
import SessionTokens
import Synchronization

/// Returns the record without removing it: a password-reset link works forever.
final class DoubleSpendingOneTimeTokenStore: OneTimeTokenStore {
    private let base = InMemoryOneTimeTokenStore()
    private let records = Mutex([TokenDigest: OneTimeTokenRecord]())

    func insert(_ record: OneTimeTokenRecord, digest: TokenDigest) async throws {
        try await base.insert(record, digest: digest)
        records.withLock { $0[digest] = record }
    }

    func consume(digest: TokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord? {
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
///
/// Each method is one critical section, so the flaw shows the same way however racing callers
/// interleave. (It used to check for reuse and then rotate in two steps; when every racer checked
/// before the first rotated, it behaved correctly and the race check could not catch it.)
final class ReuseForgivingRefreshTokenStore: RefreshTokenStore {
    private let records = Mutex([TokenDigest: RefreshTokenRecord]())

    func insert(_ record: RefreshTokenRecord, digest: TokenDigest) async throws {
        try records.withLock { (records: inout [TokenDigest: RefreshTokenRecord]) throws(SessionTokenError) in
            guard records[digest] == nil else { throw SessionTokenError(.duplicate, "digest already stored") }
            records[digest] = record
        }
    }

    func record(digest: TokenDigest) async throws -> RefreshTokenRecord? { records.withLock { $0[digest] } }

    func rotate(digest old: TokenDigest, to new: TokenDigest) async throws -> RefreshRotation {
        try records.withLock {
            (records: inout [TokenDigest: RefreshTokenRecord]) throws(SessionTokenError) -> RefreshRotation in
            guard let record = records[old] else { return .notFound }
            // The flaw: reuse is reported, but the family is not deleted.
            guard !record.isUsed else { return .reuseDetected(familyID: record.familyID) }
            guard records[new] == nil else { throw SessionTokenError(.duplicate, "digest already stored") }
            records[old]?.isUsed = true
            var successor = record
            successor.isUsed = false
            records[new] = successor
            return .rotated(successor)
        }
    }

    func revokeFamily(_ familyID: RefreshFamilyID) async throws -> Int {
        records.withLock { records in
            let before = records.count
            records = records.filter { $0.value.familyID != familyID }
            return before - records.count
        }
    }

    func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Int {
        records.withLock { records in
            let before = records.count
            records = records.filter { $0.value.familyID != familyID || $0.value.userID != userID }
            return before - records.count
        }
    }

    func purgeExpired(at date: Date) async throws -> Int {
        records.withLock { records in
            let before = records.count
            records = records.filter { $0.value.expiresAt > date }
            return before - records.count
        }
    }
}

/// Revokes a family by its id alone, whoever asks: family ids are shown in device lists, so any
/// user could sign another out.
final class OwnerIgnoringRefreshTokenStore: RefreshTokenStore {
    private let base = InMemoryRefreshTokenStore()

    func insert(_ record: RefreshTokenRecord, digest: TokenDigest) async throws {
        try await base.insert(record, digest: digest)
    }
    func record(digest: TokenDigest) async throws -> RefreshTokenRecord? { try await base.record(digest: digest) }
    func rotate(digest old: TokenDigest, to new: TokenDigest) async throws -> RefreshRotation {
        try await base.rotate(digest: old, to: new)
    }
    func revokeFamily(_ familyID: RefreshFamilyID) async throws -> Int { try await base.revokeFamily(familyID) }
    // The flaw: the owner is ignored.
    func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Int {
        try await base.revokeFamily(familyID)
    }
    func purgeExpired(at date: Date) async throws -> Int { try await base.purgeExpired(at: date) }
}

/// Purges by the system clock instead of the instant it is given.
final class SystemClockPurgingSessionStore: SessionStore {
    private let base = InMemorySessionStore()

    func session(digest: TokenDigest) async throws -> Session? { try await base.session(digest: digest) }

    func insert(_ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID] {
        try await base.insert(session, digest: digest, limit: limit)
    }

    func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await base.touch(digest: digest, lastSeenAt: lastSeenAt)
    }

    func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        try await base.replace(digest: old, with: new, session: session)
    }

    func delete(id: SessionID, userID: UserID) async throws -> Bool { try await base.delete(id: id, userID: userID) }

    func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        try await base.deleteAll(userID: userID, except: kept)
    }

    func sessions(userID: UserID) async throws -> [Session] { try await base.sessions(userID: userID) }

    func purgeExpired(at date: Date) async throws -> Int { try await base.purgeExpired(at: Date()) }
}

/// Stores user ids NFC-normalized, as an app's trigger or a normalizing column type might: "café" typed
/// two ways becomes one user, so one's sign-out everywhere ends the other's sessions.
final class NormalizingSessionStore: SessionStore {
    private let base = InMemorySessionStore()

    func session(digest: TokenDigest) async throws -> Session? { try await base.session(digest: digest) }

    func insert(_ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID] {
        var normalized = session
        normalized.userID = Self.normalized(session.userID)
        return try await base.insert(normalized, digest: digest, limit: limit)
    }

    func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await base.touch(digest: digest, lastSeenAt: lastSeenAt)
    }

    func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        var normalized = session
        normalized.userID = Self.normalized(session.userID)
        return try await base.replace(digest: old, with: new, session: normalized)
    }

    func delete(id: SessionID, userID: UserID) async throws -> Bool { try await base.delete(id: id, userID: userID) }

    func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        try await base.deleteAll(userID: Self.normalized(userID), except: kept)
    }

    func sessions(userID: UserID) async throws -> [Session] {
        try await base.sessions(userID: Self.normalized(userID))
    }

    private static func normalized(_ id: UserID) -> UserID {
        // NFC of a valid id is valid (same characters, composed; never longer in practice for these tests).
        (try? UserID(id.rawValue.precomposedStringWithCanonicalMapping)) ?? id
    }

    func purgeExpired(at date: Date) async throws -> Int { try await base.purgeExpired(at: date) }
}

/// Deletes a session by its id alone, whoever asks (`DELETE ... WHERE id = ?` without
/// `AND user_id = ?`): session ids are shown in "where you're signed in" lists, so any user could
/// sign another out of a device.
final class OwnerIgnoringSessionStore: SessionStore {
    private let base = InMemorySessionStore()
    /// Who owns each session id, so a delete by id alone can reach the base store.
    private let owners = Mutex([SessionID: UserID]())

    func session(digest: TokenDigest) async throws -> Session? { try await base.session(digest: digest) }

    func insert(_ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID] {
        let evicted = try await base.insert(session, digest: digest, limit: limit)
        owners.withLock { $0[session.id] = session.userID }
        return evicted
    }

    func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await base.touch(digest: digest, lastSeenAt: lastSeenAt)
    }

    func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        guard try await base.replace(digest: old, with: new, session: session) else { return false }
        owners.withLock { $0[session.id] = session.userID }
        return true
    }

    // The flaw: `userID` is ignored; the session's own owner is used instead.
    func delete(id: SessionID, userID: UserID) async throws -> Bool {
        guard let owner = owners.withLock({ $0[id] }) else { return false }
        return try await base.delete(id: id, userID: owner)
    }

    func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        try await base.deleteAll(userID: userID, except: kept)
    }

    func sessions(userID: UserID) async throws -> [Session] { try await base.sessions(userID: userID) }

    func purgeExpired(at date: Date) async throws -> Int { try await base.purgeExpired(at: date) }
}
