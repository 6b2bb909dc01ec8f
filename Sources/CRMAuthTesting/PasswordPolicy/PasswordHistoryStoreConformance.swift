public import AuthCore
public import PasswordPolicy

import struct Foundation.Date

/// The checks every `PasswordHistoryStore` (PasswordPolicy) must pass: append and trim as one atomic
/// step, newest first by append, per-user isolation with exact ids, values and instants read back
/// exactly, the typed error for a limit below 1, and many racing appends that never keep more than
/// the limit nor lose the newest entries.
///
/// ```swift
/// @Test("MyHistoryStore keeps the contract", arguments: PasswordHistoryStoreConformance.Check.allCases)
/// func conformance(check: PasswordHistoryStoreConformance.Check) async throws {
///     try await PasswordHistoryStoreConformance { _ in try await MyHistoryStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct PasswordHistoryStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// An unknown user has no entries; an appended entry is read back field for field.
        case appendAndReadBack
        /// Entries are listed newest first, the most recently appended first.
        case newestFirst
        /// Order is by append alone: tied or backward `changedAt` instants never reorder entries.
        case orderIsByAppendNotInstant
        /// Past the limit the oldest entries are removed; limit 1 keeps only the newest.
        case trimsToLimit
        /// Each append trims to its own limit: a smaller one drops the surplus, a larger one restores nothing.
        case eachAppendTrimsToItsLimit
        /// An entry equal to one already kept is appended again and counts against the limit.
        case equalEntriesKept
        /// A limit below 1 throws `invalidConfiguration` and changes nothing; `Int.max` keeps everything.
        case limitBounds
        /// Hashes up to 2,048 bytes and whole-second instants (1970, 2038 and later) are read back exactly.
        case hashesAndInstantsExact
        /// Users are independent; ids are compared exactly (case, Unicode normalization).
        case usersIndependent
        /// Removing a user's entries forgets them (and only them); removing an unknown user is no error.
        case removeForgetsUser
        /// Changing a list the caller read never changes what is stored.
        case valuesCopied
        /// Many callers appending at once under a limit they cannot exceed: none is lost, in real-time order.
        case concurrentAppendsNoneLost
        /// Many callers appending at once under a small limit: exactly the newest `limit` remain.
        case concurrentAppendsTrim
        /// Many users appending at once do not disturb each other.
        case concurrentUsers

        /// The case name, used in issue comments.
        public var description: String { "PasswordHistoryStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any PasswordHistoryStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 8, so the trimming race has
    ///     more racers than its limit of 4).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(
        racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any PasswordHistoryStore
    ) {
        self.racers = max(8, racers)
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
        case .appendAndReadBack: try await appendAndReadBack(store, clock)
        case .newestFirst: try await newestFirst(store, clock)
        case .orderIsByAppendNotInstant: try await orderIsByAppendNotInstant(store, clock)
        case .trimsToLimit: try await trimsToLimit(store, clock)
        case .eachAppendTrimsToItsLimit: try await eachAppendTrimsToItsLimit(store, clock)
        case .equalEntriesKept: try await equalEntriesKept(store, clock)
        case .limitBounds: try await limitBounds(store, clock)
        case .hashesAndInstantsExact: try await hashesAndInstantsExact(store, clock)
        case .usersIndependent: try await usersIndependent(store, clock)
        case .removeForgetsUser: try await removeForgetsUser(store, clock)
        case .valuesCopied: try await valuesCopied(store, clock)
        case .concurrentAppendsNoneLost: try await concurrentAppendsNoneLost(store, clock)
        case .concurrentAppendsTrim: try await concurrentAppendsTrim(store, clock)
        case .concurrentUsers: try await concurrentUsers(store, clock)
        }
    }

    /// An entry whose hash names `label`, set now on `clock`.
    static func entry(_ label: String, at clock: ManualClock) -> PasswordHistoryEntry {
        PasswordHistoryEntry(storedHash: "$argon2id$v=19$m=19456,t=2,p=1$\(label)$aGFzaA", changedAt: clock.now())
    }

    /// Appends `labels` in order to `user`, one call each, all under `limit`, advancing the clock a second each.
    static func append(
        _ labels: [String], user: UserID = "ada", limit: Int, to store: any PasswordHistoryStore, clock: ManualClock
    ) async throws {
        for label in labels {
            try await store.append(entry(label, at: clock), userID: user, keepingNewest: limit)
            clock.advance(by: 1)
        }
    }

    /// The labels of `user`'s entries, newest first, as `entry(_:at:)` wrote them.
    static func labels(_ user: UserID = "ada", in store: any PasswordHistoryStore) async throws -> [String] {
        try await store.entries(userID: user).map { entry in
            let fields = entry.storedHash.split(separator: "$", omittingEmptySubsequences: false)
            return fields.count == 6 ? String(fields[4]) : entry.storedHash
        }
    }
}
