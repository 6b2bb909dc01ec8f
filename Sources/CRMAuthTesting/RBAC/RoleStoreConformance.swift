public import AuthCore
public import RBAC

/// The checks every `RoleStore` (RBAC) must pass: each promise of the protocol's contract, including
/// all-or-nothing changes and racing assignments that together would break separation of duty.
///
/// ```swift
/// @Test("MyRoleStore keeps the contract", arguments: RoleStoreConformance.Check.allCases)
/// func conformance(check: RoleStoreConformance.Check) async throws {
///     try await RoleStoreConformance { _ in try await MyRoleStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct RoleStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A new store holds an empty policy at version 0, and `version()` agrees with `policy()`.
        case emptyAtVersionZero
        /// Each applied change list adds one to the version and is read back exactly.
        case applyBumpsVersion
        /// A change list whose last change is invalid applies nothing: same policy, same version.
        case allOrNothing
        /// Rules, inheritance, assignments and constraints naming an undefined role are refused.
        case unknownRolesRefused
        /// Inheritance that would form a cycle is refused, in every tenant.
        case cyclesRefused
        /// An assignment breaking a static separation-of-duty constraint, directly, through
        /// inheritance or through a platform role, is refused; other tenants are independent.
        case staticSeparationOfDutyRefused
        /// A change based on an older version is a version conflict and applies nothing.
        case staleVersionRefused
        /// Removing a role removes its rules, edges and assignments; one named by a constraint stays.
        case removeRoleCascades
        /// Ids are compared byte for byte (case, Unicode normalization).
        case idsByteExact
        /// Racing assignments, each valid alone, that together break a constraint: at most one wins.
        case concurrentConflictingAssignments
        /// Racing changes that all expect the same version: exactly one wins.
        case concurrentSameVersion
        /// Racing independent changes all apply; none is lost; the version counts each.
        case concurrentIndependentChanges

        /// The case name, used in issue comments.
        public var description: String { "RoleStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any RoleStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a role store needs none).
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any RoleStore) {
        self.racers = max(2, racers)
        self.makeStore = makeStore
    }

    /// Runs every check; a check that throws is recorded as an issue and the others still run.
    public func run() async {
        await Conformance.runAll(Check.allCases) { try await run($0) }
    }

    /// Runs one check against a fresh store.
    ///
    /// - Parameter check: the check.
    /// - Throws: whatever the store or `makeStore` throws where the contract expects no error.
    public func run(_ check: Check) async throws {
        let store = try await makeStore(ManualClock(now: Conformance.start))
        switch check {
        case .emptyAtVersionZero: try await emptyAtVersionZero(store)
        case .applyBumpsVersion: try await applyBumpsVersion(store)
        case .allOrNothing: try await allOrNothing(store)
        case .unknownRolesRefused: try await unknownRolesRefused(store)
        case .cyclesRefused: try await cyclesRefused(store)
        case .staticSeparationOfDutyRefused: try await staticSeparationOfDutyRefused(store)
        case .staleVersionRefused: try await staleVersionRefused(store)
        case .removeRoleCascades: try await removeRoleCascades(store)
        case .idsByteExact: try await idsByteExact(store)
        case .concurrentConflictingAssignments: try await concurrentConflictingAssignments(store)
        case .concurrentSameVersion: try await concurrentSameVersion(store)
        case .concurrentIndependentChanges: try await concurrentIndependentChanges(store)
        }
    }
}
