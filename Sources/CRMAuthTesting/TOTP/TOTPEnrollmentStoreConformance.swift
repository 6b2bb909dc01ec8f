public import AuthCore
public import TOTP

/// The checks every `TOTPEnrollmentStore` (TOTP) must pass: pending and active secrets per user, a
/// pending secret saved only while none is active, and the compare-and-swaps (activation, re-sealing,
/// removal), all under many racing callers too.
///
/// The sealed secrets it stores are random bytes: a store keeps them as they are and never opens them.
///
/// ```swift
/// @Test("MyEnrollmentStore keeps the contract", arguments: TOTPEnrollmentStoreConformance.Check.allCases)
/// func conformance(check: TOTPEnrollmentStoreConformance.Check) async throws {
///     try await TOTPEnrollmentStoreConformance { _ in try await MyEnrollmentStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct TOTPEnrollmentStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// An unknown user has nothing pending or active, and neither swap succeeds.
        case unknownUserIsEmpty
        /// A pending secret and its creation instant are read back exactly; saving again replaces it.
        case pendingRoundTrip
        /// Activation moves the pending secret to active and clears it; it works once.
        case activateMovesPending
        /// Activation with a secret that is no longer the pending one changes nothing.
        case activateRefusesStalePending
        /// While a secret is active, saving a pending one is refused and stores nothing, and
        /// activation never replaces the active secret; after removal, enrollment works again.
        case pendingRefusedWhileActive
        /// Re-sealing swaps the active secret only if it is still the expected one.
        case replaceActiveComparesAndSwaps
        /// Removing the active secret by compare-and-swap removes it only if it is still the expected
        /// one, and never removes a pending secret; afterwards enrollment works again.
        case removeActiveComparesAndRemoves
        /// Removal clears pending and active secrets of that user only; removing twice is no error.
        case removeClearsUser
        /// Users are independent; ids are compared byte for byte (case, Unicode normalization).
        case usersIndependent
        /// Many callers racing to activate one pending secret: exactly one `true`.
        case concurrentActivate
        /// Many callers racing to enroll one user (each saves its own pending secret, then activates it):
        /// exactly one `true`, its secret is active and nothing is left pending.
        case concurrentEnrollments
        /// Many callers racing to re-seal one active secret: exactly one `true`, and its value stands.
        case concurrentReplaceActive
        /// Many callers racing to remove or re-seal one active secret: exactly one `true`, and its
        /// outcome stands.
        case concurrentRemoveActive

        /// The case name, used in issue comments.
        public var description: String { "TOTPEnrollmentStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any TOTPEnrollmentStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's.
    public init(
        racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any TOTPEnrollmentStore
    ) {
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
        case .unknownUserIsEmpty: try await unknownUserIsEmpty(store)
        case .pendingRoundTrip: try await pendingRoundTrip(store, clock)
        case .activateMovesPending: try await activateMovesPending(store, clock)
        case .activateRefusesStalePending: try await activateRefusesStalePending(store, clock)
        case .pendingRefusedWhileActive: try await pendingRefusedWhileActive(store, clock)
        case .replaceActiveComparesAndSwaps: try await replaceActiveComparesAndSwaps(store, clock)
        case .removeActiveComparesAndRemoves: try await removeActiveComparesAndRemoves(store, clock)
        case .removeClearsUser: try await removeClearsUser(store, clock)
        case .usersIndependent: try await usersIndependent(store, clock)
        case .concurrentActivate: try await concurrentActivate(store, clock)
        case .concurrentEnrollments: try await concurrentEnrollments(store, clock)
        case .concurrentReplaceActive: try await concurrentReplaceActive(store, clock)
        case .concurrentRemoveActive: try await concurrentRemoveActive(store, clock)
        }
    }

    /// A stand-in for a sealed secret: random bytes of a sealed box's length.
    static func sealed() -> SealedOTPSecret { SealedOTPSecret(bytes: SecureRandom.bytes(count: 61)) }
}
