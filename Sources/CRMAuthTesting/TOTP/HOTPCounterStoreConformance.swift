public import AuthCore
public import TOTP

/// The checks every `HOTPCounterStore` (TOTP) must pass: each promise of the protocol's contract,
/// including the atomic advance under many racing callers and counters over the whole `UInt64` range.
///
/// ```swift
/// @Test("MyHOTPCounterStore keeps the contract", arguments: HOTPCounterStoreConformance.Check.allCases)
/// func conformance(check: HOTPCounterStoreConformance.Check) async throws {
///     try await HOTPCounterStoreConformance { _ in try await MyHOTPCounterStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct HOTPCounterStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A user with no accepted counter reads `nil`; the first counter is accepted and read back.
        case firstCounterAccepted
        /// The counter just accepted is refused the second time, and nothing changes.
        case sameCounterRefused
        /// A counter below the accepted one is refused, and nothing changes.
        case olderCounterRefused
        /// Later counters are accepted and become the last one; counters passed over stay refused.
        case laterCounterAccepted
        /// Counters are unsigned 64-bit integers, compared exactly over the whole range: 0, beyond
        /// 2^53, on both sides of 2^63 (where a signed bit pattern turns negative), `UInt64.max`.
        case unsignedSixtyFourBitCounters
        /// Users are independent; ids are compared byte for byte (case, Unicode normalization).
        case usersIndependent
        /// Removing a user's counter forgets it (and only it); removing an unknown user is no error.
        case removeForgetsUser
        /// Many callers racing with one counter on a fresh user: exactly one `true`.
        case concurrentSameCounter
        /// Many callers racing with distinct counters: the greatest is accepted and is the last one.
        case concurrentDistinctCounters
        /// Many users advancing at once do not disturb each other.
        case concurrentUsers

        /// The case name, used in issue comments.
        public var description: String { "HOTPCounterStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any HOTPCounterStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any HOTPCounterStore) {
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
        let store = try await makeStore(ManualClock(now: Conformance.start))
        switch check {
        case .firstCounterAccepted: try await firstCounterAccepted(store)
        case .sameCounterRefused: try await sameCounterRefused(store)
        case .olderCounterRefused: try await olderCounterRefused(store)
        case .laterCounterAccepted: try await laterCounterAccepted(store)
        case .unsignedSixtyFourBitCounters: try await unsignedSixtyFourBitCounters(store)
        case .usersIndependent: try await usersIndependent(store)
        case .removeForgetsUser: try await removeForgetsUser(store)
        case .concurrentSameCounter: try await concurrentSameCounter(store)
        case .concurrentDistinctCounters: try await concurrentDistinctCounters(store)
        case .concurrentUsers: try await concurrentUsers(store)
        }
    }
}
