import AuthCore
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import TOTP
import Testing

/// Runs `body` with two databases on one temporary schema, as two app servers; closes the second after.
private func onTwoServers(
    _ body: (PostgresAuthDatabase, PostgresAuthDatabase) async throws -> Void
) async throws {
    try await TemporarySchema.with { schema, database in
        let other = try await schema.open()
        do {
            try await body(database, other)
        } catch {
            await other.close()
            throw error
        }
        await other.close()
    }
}

extension PostgreSQLTests {
    @Suite("PostgresTOTPStore")
    struct PostgresTOTPStoreTests {
        @Test("keeps the TOTPStore contract", arguments: TOTPStoreConformance.Check.allCases)
        func conformance(check: TOTPStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await TOTPStoreConformance { _ in PostgresTOTPStore(database: database) }.run(check)
            }
        }

        @Test("keeps the TOTPStore contract on two servers", arguments: TOTPStoreConformance.Check.allCases)
        func twoServers(check: TOTPStoreConformance.Check) async throws {
            try await onTwoServers { first, second in
                let servers = TwoServers([PostgresTOTPStore(database: first), PostgresTOTPStore(database: second)])
                try await TOTPStoreConformance { _ in servers }.run(check)
            }
        }

        @Test("A step made NULL by hand is a corrupted-record error for that user only, never a silent refusal")
        func corruptedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresTOTPStore(database: database)
                #expect(try await store.markStepUsed(userID: "ana", step: 100))
                #expect(try await store.markStepUsed(userID: "bo", step: 100))
                try await schema.editByHand("ALTER TABLE totp_steps ALTER COLUMN last DROP NOT NULL")
                try await schema.editByHand("UPDATE totp_steps SET last = NULL WHERE user_id = 'ana'")
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.lastUsedStep(userID: "ana")
                }
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.markStepUsed(userID: "ana", step: 101)
                }
                #expect(try await store.lastUsedStep(userID: "bo") == 100)
                #expect(try await store.markStepUsed(userID: "bo", step: 101))
                try await store.removeSteps(userID: "ana")
                #expect(try await store.markStepUsed(userID: "ana", step: 101))
            }
        }
    }

    @Suite("PostgresHOTPCounterStore")
    struct PostgresHOTPCounterStoreTests {
        @Test("keeps the HOTPCounterStore contract", arguments: HOTPCounterStoreConformance.Check.allCases)
        func conformance(check: HOTPCounterStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await HOTPCounterStoreConformance { _ in PostgresHOTPCounterStore(database: database) }.run(check)
            }
        }

        @Test(
            "keeps the HOTPCounterStore contract on two servers", arguments: HOTPCounterStoreConformance.Check.allCases)
        func twoServers(check: HOTPCounterStoreConformance.Check) async throws {
            try await onTwoServers { first, second in
                let servers = TwoServers([
                    PostgresHOTPCounterStore(database: first), PostgresHOTPCounterStore(database: second),
                ])
                try await HOTPCounterStoreConformance { _ in servers }.run(check)
            }
        }

        @Test("counters are stored order-preservingly: 0 as Int64.min, 2^63 as 0, UInt64.max as Int64.max")
        func storedForm() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresHOTPCounterStore(database: database)
                for (user, counter) in [("a", UInt64.zero), ("b", UInt64(1) << 63), ("c", UInt64.max)] {
                    #expect(try await store.advanceCounter(userID: UserID(user), to: counter))
                }
                // Fails (an error from the server) unless the column holds exactly these values.
                try await schema.editByHand(
                    """
                    DO $$ BEGIN
                        IF (SELECT array_agg(last ORDER BY user_id) FROM hotp_counters)
                            IS DISTINCT FROM ARRAY[-9223372036854775808, 0, 9223372036854775807]::BIGINT[]
                        THEN RAISE EXCEPTION 'hotp_counters.last is not order-preserving'; END IF;
                    END $$
                    """)
            }
        }

        @Test("A counter made NULL by hand is a corrupted-record error for that user only")
        func corruptedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresHOTPCounterStore(database: database)
                #expect(try await store.advanceCounter(userID: "ana", to: 5))
                #expect(try await store.advanceCounter(userID: "bo", to: 5))
                try await schema.editByHand("ALTER TABLE hotp_counters ALTER COLUMN last DROP NOT NULL")
                try await schema.editByHand("UPDATE hotp_counters SET last = NULL WHERE user_id = 'ana'")
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.lastAcceptedCounter(userID: "ana")
                }
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.advanceCounter(userID: "ana", to: 6)
                }
                #expect(try await store.lastAcceptedCounter(userID: "bo") == 5)
                try await store.removeCounter(userID: "ana")
                #expect(try await store.advanceCounter(userID: "ana", to: 6))
            }
        }
    }

    @Suite("PostgresTOTPEnrollmentStore")
    struct PostgresTOTPEnrollmentStoreTests {
        @Test("keeps the TOTPEnrollmentStore contract", arguments: TOTPEnrollmentStoreConformance.Check.allCases)
        func conformance(check: TOTPEnrollmentStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await TOTPEnrollmentStoreConformance { _ in PostgresTOTPEnrollmentStore(database: database) }
                    .run(check)
            }
        }

        @Test(
            "keeps the TOTPEnrollmentStore contract on two servers",
            arguments: TOTPEnrollmentStoreConformance.Check.allCases)
        func twoServers(check: TOTPEnrollmentStoreConformance.Check) async throws {
            try await onTwoServers { first, second in
                let servers = TwoServers([
                    PostgresTOTPEnrollmentStore(database: first), PostgresTOTPEnrollmentStore(database: second),
                ])
                try await TOTPEnrollmentStoreConformance { _ in servers }.run(check)
            }
        }

        /// A real sealed secret: what TOTPEnrollment hands the store.
        static func sealed(for user: UserID) throws -> SealedOTPSecret {
            let ring = try KeyRing(current: SealingKey(id: "k1", material: [UInt8](repeating: 7, count: 32)))
            return try OTPSecret.generate().sealed(with: ring, userID: user)
        }

        @Test("A pending secret without its instant is a corrupted-record error for that user only")
        func corruptedRow() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresTOTPEnrollmentStore(database: database)
                let created = Date(timeIntervalSinceReferenceDate: 1000.125)
                let anaSecret = try Self.sealed(for: "ana")
                let boSecret = try Self.sealed(for: "bo")
                #expect(try await store.savePending(userID: "ana", secret: anaSecret, createdAt: created))
                #expect(try await store.activate(userID: "ana", pending: anaSecret))
                #expect(try await store.savePending(userID: "bo", secret: boSecret, createdAt: created))
                #expect(try await store.savePending(userID: "cy", secret: boSecret, createdAt: created))
                try await schema.editByHand(
                    "UPDATE totp_enrollments SET pending_created_at = NULL WHERE user_id = 'bo'")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.pending(userID: "bo") }
                #expect(try await store.pending(userID: "cy") == PendingOTPSecret(secret: boSecret, createdAt: created))
                #expect(try await store.active(userID: "ana") == anaSecret)
                // An operator's reset removes the damaged row without reading it.
                try await store.remove(userID: "bo")
                #expect(try await store.pending(userID: "bo") == nil)
                #expect(try await store.savePending(userID: "bo", secret: boSecret, createdAt: created))
            }
        }

        @Test("The table refuses a hand edit that gives a user both a pending and an active secret")
        func pendingBesideActiveRefused() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresTOTPEnrollmentStore(database: database)
                let secret = try Self.sealed(for: "ana")
                let created = Date(timeIntervalSinceReferenceDate: 5)
                #expect(try await store.savePending(userID: "ana", secret: secret, createdAt: created))
                #expect(try await store.activate(userID: "ana", pending: secret))
                await #expect(throws: (any Error).self) {
                    try await schema.editByHand(
                        "UPDATE totp_enrollments SET pending = active, pending_created_at = 5 WHERE user_id = 'ana'")
                }
                #expect(try await store.pending(userID: "ana") == nil)
                #expect(try await store.active(userID: "ana") == secret)
            }
        }

        @Test("An empty sealed value is stored as empty bytes, not as nothing")
        func emptySecret() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresTOTPEnrollmentStore(database: database)
                let empty = SealedOTPSecret(bytes: [])
                let saved = try await store.savePending(
                    userID: "ana", secret: empty, createdAt: Date(timeIntervalSinceReferenceDate: 0))
                #expect(saved)
                #expect(try await store.pending(userID: "ana")?.secret == empty)
                #expect(try await store.activate(userID: "ana", pending: empty))
                #expect(try await store.active(userID: "ana") == empty)
                #expect(try await store.removeActive(userID: "ana", expected: empty))
                #expect(try await store.active(userID: "ana") == nil)
            }
        }
    }

    @Suite("PostgresRecoveryCodeStore")
    struct PostgresRecoveryCodeStoreTests {
        @Test("keeps the RecoveryCodeStore contract", arguments: RecoveryCodeStoreConformance.Check.allCases)
        func conformance(check: RecoveryCodeStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await RecoveryCodeStoreConformance { _ in PostgresRecoveryCodeStore(database: database) }.run(check)
            }
        }

        @Test(
            "keeps the RecoveryCodeStore contract on two servers",
            arguments: RecoveryCodeStoreConformance.Check.allCases)
        func twoServers(check: RecoveryCodeStoreConformance.Check) async throws {
            try await onTwoServers { first, second in
                let servers = TwoServers([
                    PostgresRecoveryCodeStore(database: first), PostgresRecoveryCodeStore(database: second),
                ])
                try await RecoveryCodeStoreConformance { _ in servers }.run(check)
            }
        }

        @Test("One code redeemed by 200 racers on two servers: exactly one wins")
        func racersOnTwoServers() async throws {
            try await onTwoServers { first, second in
                let servers = TwoServers([
                    PostgresRecoveryCodeStore(database: first), PostgresRecoveryCodeStore(database: second),
                ])
                let codes = try (1...3).map { try RecoveryCodeDigest(bytes: [UInt8](repeating: $0, count: 32)) }
                try await servers.replaceCodes(userID: "ana", digests: codes)
                let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<200 {
                        group.addTask { try await servers.consumeCode(userID: "ana", digest: codes[1]) }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(wins == 1)
                #expect(try await servers.remainingCodes(userID: "ana") == 2)
            }
        }

        @Test("A damaged digest is a corrupted-record error for that user only, never counted")
        func damagedDigest() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresRecoveryCodeStore(database: database)
                let codes = try (1...3).map { try RecoveryCodeDigest(bytes: [UInt8](repeating: $0, count: 32)) }
                try await store.replaceCodes(userID: "ana", digests: codes)
                try await store.replaceCodes(userID: "bo", digests: codes)
                try await schema.editByHand(
                    """
                    UPDATE recovery_codes SET digest = substring(digest FROM 1 FOR 16)
                    WHERE user_id = 'ana' AND digest = '\\x\(String(repeating: "01", count: 32))'
                    """)
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.remainingCodes(userID: "ana")
                }
                #expect(try await store.remainingCodes(userID: "bo") == 3)
                // The damaged code never matches; the intact ones still redeem once.
                #expect(try await store.consumeCode(userID: "ana", digest: codes[0]) == false)
                #expect(try await store.consumeCode(userID: "ana", digest: codes[1]))
                #expect(try await store.consumeCode(userID: "ana", digest: codes[1]) == false)
                // Regenerating clears the damaged row with the rest.
                try await store.replaceCodes(userID: "ana", digests: [codes[2]])
                #expect(try await store.remainingCodes(userID: "ana") == 1)
            }
        }
    }
}
