public import AuthCore
public import LockoutPolicy

/// The checks every `LockoutStore` (LockoutPolicy) must pass: each promise of the protocol's contract,
/// including the atomic decision and charge under many racing callers at one threshold.
///
/// ```swift
/// @Test("MyLockoutStore keeps the contract", arguments: LockoutStoreConformance.Check.allCases)
/// func conformance(check: LockoutStoreConformance.Check) async throws {
///     try await LockoutStoreConformance { _ in try await MyLockoutStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct LockoutStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Keys without a counter read `nil`; clearing them is no error.
        case unknownKeysReadNothing
        /// Each admitted attempt applies `LockoutCounter.recordingFailure` at the given instant, to every
        /// key of the call, and returns the new counters in the order of the charges; reads return the same.
        case failuresCountedAndReturned
        /// A failure a window after the last one restarts the count (but not the streak).
        case failureWindowRestartsCount
        /// The threshold starts a temporary lock at the instant given, doubling with each lock.
        case thresholdStartsLock
        /// After M temporary locks the counter is administrator-locked, never expires and keeps counting.
        case administratorLockHolds
        /// A counter past its expiry is treated as absent by the next failure, removed or not.
        case expiredCounterStartsAfresh
        /// Keys differing in dimension, account digest or source prefix are independent counters.
        case keysIndependent
        /// Clearing removes exactly the keys given.
        case clearRemovesOnlyGivenKeys
        /// Removing expired counters removes those expired at or before the instant, and counts them.
        case removeExpiredDropsOnlyExpired
        /// Many callers racing at one key with the threshold at their number: each sees its own count,
        /// 1 through N, and exactly one starts the lock.
        case concurrentFailuresAtThreshold
        /// A delay or a lock on any key refuses the attempt; a refusal returns the counters as read and
        /// charges nothing; the attempt is admitted again when the delay or lock ends.
        case refusalChargesNothing
        /// A success removes the cleared counters and takes one failure back from the refunded ones.
        case successSettles
        /// More callers than the threshold racing at one key: exactly the threshold's number are
        /// admitted, each charged its own failure, and the rest are refused by the lock.
        case concurrentAttemptsPastThreshold
        /// Many callers each charging a shared key and a key of their own in one call: the shared
        /// count is exact and every own key counts one.
        case concurrentSharedKey

        /// The case name, used in issue comments.
        public var description: String { "LockoutStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks (the threshold check uses at most 100, the
    /// largest threshold rules allow).
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any LockoutStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store with room for at least a thousand counters; the clock
    ///     is the check's (a store must never read one: instants are passed to it).
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any LockoutStore) {
        self.racers = max(2, racers)
        self.makeStore = makeStore
    }

    /// Runs every check; a check that throws is recorded as an issue and the others still run.
    public func run() async {
        await Conformance.runAll(Check.allCases) { try await run($0) }
    }

    /// Runs one check against a fresh store.
    ///
    /// - Parameter check: the promise to check.
    /// - Throws: whatever the store or `makeStore` throws where the contract expects no error.
    public func run(_ check: Check) async throws {
        let store = try await makeStore(ManualClock(now: Conformance.start))
        switch check {
        case .unknownKeysReadNothing: try await unknownKeysReadNothing(store)
        case .failuresCountedAndReturned: try await failuresCountedAndReturned(store)
        case .failureWindowRestartsCount: try await failureWindowRestartsCount(store)
        case .thresholdStartsLock: try await thresholdStartsLock(store)
        case .administratorLockHolds: try await administratorLockHolds(store)
        case .expiredCounterStartsAfresh: try await expiredCounterStartsAfresh(store)
        case .keysIndependent: try await keysIndependent(store)
        case .clearRemovesOnlyGivenKeys: try await clearRemovesOnlyGivenKeys(store)
        case .removeExpiredDropsOnlyExpired: try await removeExpiredDropsOnlyExpired(store)
        case .concurrentFailuresAtThreshold: try await concurrentFailuresAtThreshold(store)
        case .concurrentSharedKey: try await concurrentSharedKey(store)
        case .refusalChargesNothing: try await refusalChargesNothing(store)
        case .successSettles: try await successSettles(store)
        case .concurrentAttemptsPastThreshold: try await concurrentAttemptsPastThreshold(store)
        }
    }
}
