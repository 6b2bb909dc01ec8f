public import AuthCore
import LockoutPolicy
public import LoginFlow
import PasswordHashing
public import SessionTokens
public import TOTP

/// What the several-servers test and its worker processes agree on: the flow's configuration and the
/// digests each race works on (derived from numbers, so no secret passes between the processes).
public enum RaceFixture {
    /// Wrong logins one account takes before it locks (every counter: no delay before the lock).
    public static let threshold = 10

    /// The flow both servers run: cheap hashing (the race is about the stores), flat lockout rules.
    public static func configuration() throws -> AuthFlowConfiguration {
        var configuration = AuthFlowConfiguration(issuer: "Race CRM")
        configuration.hashing = PasswordHasher.Configuration(
            algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 256, iterations: 1, parallelism: 1)))
        let rules = try CounterRules(
            threshold: threshold, failureWindow: 3600, freeFailures: threshold, firstDelay: 0, maximumDelay: 0,
            firstLockDuration: 900, maximumLockDuration: 900, administratorLockAfter: nil, lockMemory: 3600)
        configuration.lockoutRules = LockoutRules(account: rules, source: rules, pair: rules, trustedPair: rules)
        return configuration
    }

    /// The digest of refresh family `family`'s token issued by `server` (0: the first token, stored by
    /// the test; 1 and 2: each server's successor).
    public static func digest(_ family: Int, server: UInt8) throws -> TokenDigest {
        try TokenDigest(bytes: bytes(family, tag: server))
    }

    /// The owner of recovery codes number `user`.
    public static func recoveryUser(_ user: Int) throws -> UserID { try UserID("recovery-\(user)") }

    /// Code `code` of user `user`.
    public static func recoveryDigest(_ user: Int, _ code: Int) throws -> RecoveryCodeDigest {
        try RecoveryCodeDigest(bytes: bytes(user * 16 + code, tag: 0x52))
    }

    private static func bytes(_ number: Int, tag: UInt8) -> [UInt8] {
        let value = UInt64(number)
        return (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * (7 - $0))) } + [tag]
            + [UInt8](repeating: 0xA5, count: 23)
    }
}
