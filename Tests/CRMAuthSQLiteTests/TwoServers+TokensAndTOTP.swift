import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import SessionTokens
import TOTP
import Testing

extension TwoServers: RefreshTokenStore where Store == SQLiteRefreshTokenStore {
    func insert(_ record: RefreshTokenRecord, digest: TokenDigest) async throws {
        try await any.insert(record, digest: digest)
    }
    func record(digest: TokenDigest) async throws -> RefreshTokenRecord? { try await any.record(digest: digest) }
    func rotate(digest old: TokenDigest, to new: TokenDigest) async throws -> RefreshRotation {
        try await any.rotate(digest: old, to: new)
    }
    func revokeFamily(_ familyID: RefreshFamilyID) async throws -> Int { try await any.revokeFamily(familyID) }
    func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Int {
        try await any.revokeFamily(familyID, userID: userID)
    }
    func purgeExpired(at date: Date) async throws -> Int { try await any.purgeExpired(at: date) }
}

extension TwoServers: TOTPStore where Store == SQLiteTOTPStore {
    func markStepUsed(userID: UserID, step: Int64) async throws -> Bool {
        try await any.markStepUsed(userID: userID, step: step)
    }
    func lastUsedStep(userID: UserID) async throws -> Int64? { try await any.lastUsedStep(userID: userID) }
    func removeSteps(userID: UserID) async throws { try await any.removeSteps(userID: userID) }
}

extension TwoServers: HOTPCounterStore where Store == SQLiteHOTPCounterStore {
    func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool {
        try await any.advanceCounter(userID: userID, to: counter)
    }
    func lastAcceptedCounter(userID: UserID) async throws -> UInt64? {
        try await any.lastAcceptedCounter(userID: userID)
    }
    func removeCounter(userID: UserID) async throws { try await any.removeCounter(userID: userID) }
}

extension TwoServers: TOTPEnrollmentStore where Store == SQLiteTOTPEnrollmentStore {
    func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        try await any.savePending(userID: userID, secret: secret, createdAt: createdAt)
    }
    func pending(userID: UserID) async throws -> PendingOTPSecret? { try await any.pending(userID: userID) }
    func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        try await any.activate(userID: userID, pending: pending)
    }
    func active(userID: UserID) async throws -> SealedOTPSecret? { try await any.active(userID: userID) }
    func replaceActive(userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws
        -> Bool
    {
        try await any.replaceActive(userID: userID, expected: expected, with: replacement)
    }
    func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        try await any.removeActive(userID: userID, expected: expected)
    }
    func remove(userID: UserID) async throws { try await any.remove(userID: userID) }
}

extension TwoServers: RecoveryCodeStore where Store == SQLiteRecoveryCodeStore {
    func replaceCodes(userID: UserID, digests: [RecoveryCodeDigest]) async throws {
        try await any.replaceCodes(userID: userID, digests: digests)
    }
    func consumeCode(userID: UserID, digest: RecoveryCodeDigest) async throws -> Bool {
        try await any.consumeCode(userID: userID, digest: digest)
    }
    func remainingCodes(userID: UserID) async throws -> Int { try await any.remainingCodes(userID: userID) }
}

/// The refresh-token and TOTP suites again, each store's calls alternating between two connections to
/// one file, so racing writers contend through SQLite's file locks.
@Suite("SQLite refresh-token and TOTP stores on two connections to one file")
struct TwoServersTokenTests {
    @Test("RefreshTokenStore", arguments: RefreshTokenStoreConformance.Check.allCases)
    func refreshTokenStore(check: RefreshTokenStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteRefreshTokenStore(database: $0) }
        try await RefreshTokenStoreConformance { _ in servers }.run(check)
    }

    @Test("TOTPStore", arguments: TOTPStoreConformance.Check.allCases)
    func totpStore(check: TOTPStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteTOTPStore(database: $0) }
        try await TOTPStoreConformance { _ in servers }.run(check)
    }

    @Test("HOTPCounterStore", arguments: HOTPCounterStoreConformance.Check.allCases)
    func hotpCounterStore(check: HOTPCounterStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteHOTPCounterStore(database: $0) }
        try await HOTPCounterStoreConformance { _ in servers }.run(check)
    }

    @Test("TOTPEnrollmentStore", arguments: TOTPEnrollmentStoreConformance.Check.allCases)
    func totpEnrollmentStore(check: TOTPEnrollmentStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteTOTPEnrollmentStore(database: $0) }
        try await TOTPEnrollmentStoreConformance { _ in servers }.run(check)
    }

    @Test("RecoveryCodeStore", arguments: RecoveryCodeStoreConformance.Check.allCases)
    func recoveryCodeStore(check: RecoveryCodeStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteRecoveryCodeStore(database: $0) }
        try await RecoveryCodeStoreConformance { _ in servers }.run(check)
    }
}
