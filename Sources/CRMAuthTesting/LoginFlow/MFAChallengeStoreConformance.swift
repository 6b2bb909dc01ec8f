public import AuthCore
import Foundation
public import LoginFlow
import SessionTokens

/// The checks every `MFAChallengeStore` (LoginFlow) must pass: challenges copied in and out field for
/// field, wrong answers counted one by one up to the maximum with the challenge removed in the same
/// step, consumption exactly once, expiry left to the caller, and the races the contract promises to
/// survive (64 wrong answers at once on a challenge allowing 5: exactly 5 counted).
///
/// ```swift
/// @Test("MyMFAChallengeStore keeps the contract", arguments: MFAChallengeStoreConformance.Check.allCases)
/// func conformance(check: MFAChallengeStoreConformance.Check) async throws {
///     try await MFAChallengeStoreConformance { _ in try await MyChallengeStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct MFAChallengeStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A stored challenge is read back by its digest, every field exactly (texts byte for byte,
        /// methods in order); unknown digests read `nil`.
        case insertAndLookUp
        /// Changing a value the caller holds, or one the store returned, never changes what is stored.
        case valuesCopied
        /// A digest already stored is refused with `.duplicate`, changing nothing.
        case duplicateRefused
        /// Each wrong answer is counted and the updated challenge returned; the one reaching the maximum
        /// returns `failures == maximumFailures` and removes the challenge; afterwards `nil`.
        case failuresCountedToMaximum
        /// Counting starts from the stored count, and one challenge's failures leave another's alone.
        case failuresPerChallenge
        /// `consume` returns the challenge exactly as stored (failures included) once, then `nil`.
        case consumeOnce
        /// Reads, failures and consumption ignore expiry: the caller decides it.
        case expiryLeftToCaller
        /// `purgeExpired(at:)` removes exactly the challenges expired at that instant, expiry included.
        case purgeExpired
        /// Many wrong answers at once: exactly `maximumFailures` are counted (each count answered once),
        /// the rest get `nil`, and the challenge is gone.
        case concurrentFailures
        /// Many callers consuming one challenge: exactly one gets it.
        case concurrentConsume
        /// Wrong answers racing consumption: exactly one consumer wins, and the challenge it gets counts
        /// exactly the failures answered before it was consumed.
        case concurrentConsumeAndFailures

        /// The case name, used in issue comments.
        public var description: String { "MFAChallengeStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any MFAChallengeStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 6, so that more racers
    ///     than the 5 allowed failures race).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(
        racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any MFAChallengeStore
    ) {
        self.racers = max(6, racers)
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
        case .insertAndLookUp: try await insertAndLookUp(store, clock)
        case .valuesCopied: try await valuesCopied(store, clock)
        case .duplicateRefused: try await duplicateRefused(store, clock)
        case .failuresCountedToMaximum: try await failuresCountedToMaximum(store, clock)
        case .failuresPerChallenge: try await failuresPerChallenge(store, clock)
        case .consumeOnce: try await consumeOnce(store, clock)
        case .expiryLeftToCaller: try await expiryLeftToCaller(store, clock)
        case .purgeExpired: try await purgeExpired(store, clock)
        case .concurrentFailures: try await concurrentFailures(store, clock)
        case .concurrentConsume: try await concurrentConsume(store, clock)
        case .concurrentConsumeAndFailures: try await concurrentConsumeAndFailures(store, clock)
        }
    }

    /// How long the suite's challenges live: 5 minutes.
    static let lifetime: TimeInterval = 300

    /// A new challenge for `user`, created now.
    static func challenge(_ user: UserID = "ada", at clock: ManualClock) -> MFAChallenge {
        MFAChallenge(
            userID: user, tenantID: "acme", methods: [.totp, .recoveryCode], securityStamp: "stamp-\(user.rawValue)",
            createdAt: clock.now(), expiresAt: clock.now().addingTimeInterval(lifetime))
    }

    /// A new random token digest.
    static func digest() -> TokenDigest { OneTimeToken.generate().digest }

    /// Whether `stored` is `expected` field for field, every text byte for byte.
    static func exactlyEqual(_ stored: MFAChallenge?, _ expected: MFAChallenge?) -> Bool {
        guard let stored, let expected else { return stored == nil && expected == nil }
        func texts(_ challenge: MFAChallenge) -> [[UInt8]] {
            [challenge.userID.rawValue, challenge.tenantID?.rawValue ?? "-", challenge.securityStamp].map {
                Array($0.utf8)
            }
        }
        return stored == expected && texts(stored) == texts(expected)
    }
}
