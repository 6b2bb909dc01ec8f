public import AuthCore
public import TOTP

/// The checks every `TOTPStore` (TOTP) must pass: each promise of the protocol's contract, including
/// the atomic "mark used" under many racing callers.
///
/// Each check asks `makeStore` for a fresh, empty store and a `ManualClock` of its own, and reports
/// broken promises as Swift Testing issues, so call it from a test:
///
/// ```swift
/// @Test("MyTOTPStore keeps the TOTPStore contract", arguments: TOTPStoreConformance.Check.allCases)
/// func conformance(check: TOTPStoreConformance.Check) async throws {
///     try await TOTPStoreConformance { _ in try await MyTOTPStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct TOTPStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A user with no accepted step reads `nil`; the first step is accepted and read back.
        case firstStepAccepted
        /// The step just accepted is refused the second time, and nothing changes.
        case sameStepRefused
        /// A step older than the accepted one is refused, and nothing changes.
        case olderStepRefused
        /// Later steps are accepted and become the last one.
        case laterStepAccepted
        /// Steps are signed 64-bit integers, compared exactly (negative, beyond 2^53, the extremes).
        case signedSixtyFourBitSteps
        /// Users are independent; ids are compared byte for byte (case, Unicode normalization, the longest id).
        case usersIndependent
        /// Removing a user's steps forgets them (and only them); removing an unknown user is no error.
        case removeForgetsUser
        /// Many callers racing with one step on a fresh user: exactly one `true`.
        case concurrentSameStep
        /// Many callers racing with distinct steps: the greatest is accepted and is the last one.
        case concurrentDistinctSteps
        /// Many users marking at once do not disturb each other.
        case concurrentUsers

        /// The case name, used in issue comments.
        public var description: String { "TOTPStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any TOTPStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any TOTPStore) {
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
        case .firstStepAccepted: try await firstStepAccepted(store)
        case .sameStepRefused: try await sameStepRefused(store)
        case .olderStepRefused: try await olderStepRefused(store)
        case .laterStepAccepted: try await laterStepAccepted(store)
        case .signedSixtyFourBitSteps: try await signedSixtyFourBitSteps(store)
        case .usersIndependent: try await usersIndependent(store)
        case .removeForgetsUser: try await removeForgetsUser(store)
        case .concurrentSameStep: try await concurrentSameStep(store)
        case .concurrentDistinctSteps: try await concurrentDistinctSteps(store)
        case .concurrentUsers: try await concurrentUsers(store)
        }
    }

    /// The longest id `UserID` allows: 255 bytes of UTF-8 ending in a 2-byte character, so a column
    /// too short for it, or one that truncates bytes, shows. Valid by construction, like a literal.
    static let longestID = UserID(stringLiteral: String(repeating: "a", count: UserID.maximumUTF8Length - 2) + "\u{E9}")
}
