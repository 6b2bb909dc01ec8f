public import AuthCore
public import TOTP

/// The checks every `RecoveryCodeStore` (TOTP) must pass: whole-set replacement, consumption exactly
/// once under many racing callers, counts.
///
/// ```swift
/// @Test("MyRecoveryCodeStore keeps the contract", arguments: RecoveryCodeStoreConformance.Check.allCases)
/// func conformance(check: RecoveryCodeStoreConformance.Check) async throws {
///     try await RecoveryCodeStoreConformance { _ in try await MyRecoveryCodeStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct RecoveryCodeStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// An unknown user has 0 codes and consumes nothing.
        case unknownUserIsEmpty
        /// A stored code is consumed once; the count goes down by one.
        case consumeOnce
        /// Replacing the set invalidates every old code.
        case replaceInvalidatesOldSet
        /// Replacing with an empty set removes every code.
        case emptySetRemovesAll
        /// A digest given twice in one set is one code: it is counted once and accepted once.
        case duplicateDigestsCollapse
        /// Users are independent; ids are compared byte for byte (case, Unicode normalization).
        case usersIndependent
        /// Many callers racing with one code: exactly one `true`.
        case concurrentSameCode
        /// Many callers each consuming a different code: all succeed and the count reaches 0.
        case concurrentDistinctCodes

        /// The case name, used in issue comments.
        public var description: String { "RecoveryCodeStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any RecoveryCodeStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's.
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any RecoveryCodeStore) {
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
        case .unknownUserIsEmpty: try await unknownUserIsEmpty(store)
        case .consumeOnce: try await consumeOnce(store)
        case .replaceInvalidatesOldSet: try await replaceInvalidatesOldSet(store)
        case .emptySetRemovesAll: try await emptySetRemovesAll(store)
        case .duplicateDigestsCollapse: try await duplicateDigestsCollapse(store)
        case .usersIndependent: try await usersIndependent(store)
        case .concurrentSameCode: try await concurrentSameCode(store)
        case .concurrentDistinctCodes: try await concurrentDistinctCodes(store)
        }
    }

    /// `count` random digests.
    static func digests(_ count: Int) throws -> [RecoveryCodeDigest] {
        try (0..<count).map { _ in try RecoveryCodeDigest(bytes: SecureRandom.bytes(count: 32)) }
    }
}
