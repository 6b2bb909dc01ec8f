import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import SessionTokens
import TOTP
import Testing

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
