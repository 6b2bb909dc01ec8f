public import AuditLog
public import AuthCore

/// The checks every `AuditStore` (AuditLog) must pass: each promise of the protocol's contract,
/// including one valid chain under many tasks appending at once.
///
/// ```swift
/// @Test("MyAuditStore keeps the contract", arguments: AuditStoreConformance.Check.allCases)
/// func conformance(check: AuditStoreConformance.Check) async throws {
///     try await AuditStoreConformance { _ in try await MyAuditStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct AuditStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// An empty store's head is the empty head; batches are numbered from 1 and linked to the head.
        case appendLinksToHead
        /// An empty batch writes nothing and moves no head.
        case emptyBatchWritesNothing
        /// Records read back exactly as appended, ascending, from any sequence number, up to a limit.
        case recordsReadBack
        /// Queries filter by user (actor or subject), tenant, kind, outcome and time, newest first.
        case queryFilters
        /// Cursor pages cover every match once, newest first, unshifted by later appends.
        case queryPages
        /// Pruning deletes only the records up to the cut; the head survives and appends continue.
        case pruneKeepsHead
        /// Many tasks appending batches at once: one chain, no gap, no fork, each batch contiguous.
        case concurrentAppends

        /// The case name, used in issue comments.
        public var description: String { "AuditStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency check.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any AuditStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency check (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's.
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any AuditStore) {
        self.racers = max(2, racers)
        self.makeStore = makeStore
    }

    /// Runs every check; a check that throws is recorded as an issue and the others still run.
    public func run() async {
        await Conformance.runAll(Check.allCases) { try await run($0) }
    }

    /// Runs one check against a fresh store.
    ///
    /// - Parameter check: the check to run.
    /// - Throws: whatever the store or `makeStore` throws where the contract expects no error.
    public func run(_ check: Check) async throws {
        let clock = ManualClock(now: Conformance.start)
        let store = try await makeStore(clock)
        switch check {
        case .appendLinksToHead: try await appendLinksToHead(store, clock)
        case .emptyBatchWritesNothing: try await emptyBatchWritesNothing(store, clock)
        case .recordsReadBack: try await recordsReadBack(store, clock)
        case .queryFilters: try await queryFilters(store, clock)
        case .queryPages: try await queryPages(store, clock)
        case .pruneKeepsHead: try await pruneKeepsHead(store, clock)
        case .concurrentAppends: try await concurrentAppends(store, clock)
        }
    }
}
