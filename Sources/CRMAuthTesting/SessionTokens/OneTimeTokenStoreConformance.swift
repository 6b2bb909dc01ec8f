public import AuthCore
import Foundation
public import SessionTokens

/// The checks every `OneTimeTokenStore` (SessionTokens) must pass: consumption exactly once under many
/// racing callers, purpose binding (names matched byte for byte), records returned as inserted, purging
/// by the given instant.
///
/// ```swift
/// @Test("MyOneTimeTokenStore keeps the contract", arguments: OneTimeTokenStoreConformance.Check.allCases)
/// func conformance(check: OneTimeTokenStoreConformance.Check) async throws {
///     try await OneTimeTokenStoreConformance { _ in try await MyOneTimeTokenStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct OneTimeTokenStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A record is consumed once, returned exactly as inserted; the second consumption is `nil`.
        case consumeOnce
        /// A digest already stored is refused with `.duplicate`, changing nothing.
        case duplicateInsertRefused
        /// Another purpose gets `nil` and leaves the record for its own purpose.
        case purposeBound
        /// Purposes match by name: a changed default lifetime does not orphan outstanding tokens.
        case purposeMatchedByName
        /// Each digest returns its own record (its user), never another's.
        case recordsIndependent
        /// Purpose names match byte for byte (Unicode normalization counts); user ids and purpose names
        /// are read back byte for byte, never normalized.
        case namesAndIDsExact
        /// Expiry is the caller's decision: a record past its expiry is still returned.
        case consumeIgnoresExpiry
        /// `purgeExpired(at:)` removes exactly the records expired at that instant, expiry instant included.
        case purgeExpired
        /// Many callers consuming one token: exactly one gets the record.
        case concurrentConsume
        /// Callers racing with the right and a wrong purpose: exactly one gets it, with the right purpose.
        case concurrentMixedPurposes

        /// The case name, used in issue comments.
        public var description: String { "OneTimeTokenStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any OneTimeTokenStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any OneTimeTokenStore) {
        self.racers = max(2, racers)
        self.makeStore = makeStore
    }

    /// Runs every check; a check that throws is recorded as an issue and the others still run.
    public func run() async {
        await Conformance.runAll(Check.allCases) { try await run($0) }
    }

    /// Runs one check against a fresh store.
    ///
    /// - Throws: whatever the store or `makeStore` throws where the contract expects no error.
    public func run(_ check: Check) async throws {
        let clock = ManualClock(now: Conformance.start)
        let store = try await makeStore(clock)
        switch check {
        case .consumeOnce: try await consumeOnce(store, clock)
        case .duplicateInsertRefused: try await duplicateInsertRefused(store, clock)
        case .purposeBound: try await purposeBound(store, clock)
        case .purposeMatchedByName: try await purposeMatchedByName(store, clock)
        case .recordsIndependent: try await recordsIndependent(store, clock)
        case .namesAndIDsExact: try await namesAndIDsExact(store, clock)
        case .consumeIgnoresExpiry: try await consumeIgnoresExpiry(store, clock)
        case .purgeExpired: try await purgeExpired(store, clock)
        case .concurrentConsume: try await concurrentConsume(store, clock)
        case .concurrentMixedPurposes: try await concurrentMixedPurposes(store, clock)
        }
    }

    /// A record of `user` for `purpose`, issued now and living the purpose's default lifetime.
    static func record(
        _ user: UserID = "ada", _ purpose: OneTimeTokenPurpose = .passwordReset, at clock: ManualClock
    ) -> OneTimeTokenRecord {
        OneTimeTokenRecord(
            userID: user, purpose: purpose, securityStamp: "stamp-\(user)", createdAt: clock.now(),
            expiresAt: clock.now().addingTimeInterval(purpose.defaultLifetime))
    }

    /// A new random token digest.
    static func digest() -> TokenDigest { OneTimeToken.generate().digest }
}
