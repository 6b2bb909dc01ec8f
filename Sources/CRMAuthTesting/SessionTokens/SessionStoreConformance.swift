public import AuthCore
public import SessionTokens

import struct Foundation.Date
import struct Foundation.TimeInterval

/// The checks every `SessionStore` (SessionTokens) must pass: lookups by digest, the concurrent-session
/// limit (evict or refuse) as one atomic step, rotation by atomic replacement, deletions, listing and
/// purging, deletion checked against the owner, with many racing callers where the contract promises
/// atomicity, and ids compared byte for byte.
///
/// Sessions are created at the check's `ManualClock` time, which starts years before the real
/// clock: a store that decides "live" or "expired" from its own clock fails.
///
/// ```swift
/// @Test("MySessionStore keeps the contract", arguments: SessionStoreConformance.Check.allCases)
/// func conformance(check: SessionStoreConformance.Check) async throws {
///     try await SessionStoreConformance { _ in try await MySessionStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct SessionStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A stored session is read back field for field by its digest; unknown digests read `nil`.
        case insertAndLookUp
        /// A digest or session id already stored is refused with `.duplicate`, storing nothing.
        case duplicateRefused
        /// Changing a value the caller holds never changes what is stored.
        case valuesCopied
        /// Over the limit with `.evictOldest`, the oldest live sessions (by creation) are evicted.
        case limitEvictsOldest
        /// Over the limit with `.refuseNew`, `.limitReached` is thrown and nothing is stored.
        case limitRefusesNew
        /// Sessions expired at the new session's creation neither count nor get evicted.
        case limitIgnoresExpired
        /// The limit counts one user's sessions only.
        case limitIsPerUser
        /// `touch` moves "last seen" forward only; an absent digest is `false`.
        case touchMovesForward
        /// `replace` moves a session to a new digest in one step, once.
        case replaceRotates
        /// `replace` onto a digest already stored throws `.duplicate` and changes nothing.
        case replaceRefusesTakenDigest
        /// `delete(id:userID:)` removes one session of its owner, then reports `false`.
        case deleteOne
        /// `delete(id:userID:)` with another user id (another user, or a canonically equivalent
        /// spelling of the owner) reports `false` and leaves the session.
        case deleteChecksOwner
        /// `deleteAll` removes a user's sessions except the kept one, counting them.
        case deleteAllExcept
        /// `sessions(userID:)` lists every session of that user, expired ones included.
        case listsPerUser
        /// Users are independent in lists, limits and `deleteAll`; user ids are compared and read back
        /// byte for byte (case, Unicode normalization).
        case usersIndependent
        /// Session ids are compared and read back byte for byte: a canonically equivalent spelling is
        /// another id, neither a duplicate nor deleted with it.
        case sessionIDsExact
        /// `purgeExpired(at:)` removes exactly the sessions expired at that instant, expiry instant included.
        case purgeExpired
        /// Many callers rotating one session: exactly one `true`, one session left.
        case concurrentReplace
        /// Many logins under a `.refuseNew` limit: exactly `maximum` succeed.
        case concurrentLimitRefuse
        /// Many logins under an `.evictOldest` limit: all succeed, `maximum` remain, each eviction reported once.
        case concurrentLimitEvict
        /// Many callers inserting under one digest: exactly one succeeds, the rest get `.duplicate`.
        case concurrentDuplicateDigest
        /// Many callers deleting one session: those naming another owner all get `false` and the
        /// session stays; of those naming its owner exactly one gets `true`.
        case concurrentDelete

        /// The case name, used in issue comments.
        public var description: String { "SessionStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any SessionStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 4).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any SessionStore) {
        self.racers = max(4, racers)
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
        case .duplicateRefused: try await duplicateRefused(store, clock)
        case .valuesCopied: try await valuesCopied(store, clock)
        case .limitEvictsOldest: try await limitEvictsOldest(store, clock)
        case .limitRefusesNew: try await limitRefusesNew(store, clock)
        case .limitIgnoresExpired: try await limitIgnoresExpired(store, clock)
        case .limitIsPerUser: try await limitIsPerUser(store, clock)
        case .touchMovesForward: try await touchMovesForward(store, clock)
        case .replaceRotates: try await replaceRotates(store, clock)
        case .replaceRefusesTakenDigest: try await replaceRefusesTakenDigest(store, clock)
        case .deleteOne: try await deleteOne(store, clock)
        case .deleteChecksOwner: try await deleteChecksOwner(store, clock)
        case .deleteAllExcept: try await deleteAllExcept(store, clock)
        case .listsPerUser: try await listsPerUser(store, clock)
        case .usersIndependent: try await usersIndependent(store, clock)
        case .sessionIDsExact: try await sessionIDsExact(store, clock)
        case .purgeExpired: try await purgeExpired(store, clock)
        case .concurrentReplace: try await concurrentReplace(store, clock)
        case .concurrentLimitRefuse: try await concurrentLimitRefuse(store, clock)
        case .concurrentLimitEvict: try await concurrentLimitEvict(store, clock)
        case .concurrentDuplicateDigest: try await concurrentDuplicateDigest(store, clock)
        case .concurrentDelete: try await concurrentDelete(store, clock)
        }
    }

    /// A session of `user` created now on `clock`: idle timeout 1 h, absolute 24 h.
    static func session(_ user: UserID = "ada", at clock: ManualClock, idle: TimeInterval = 3_600) -> Session {
        Session(
            id: .generate(), userID: user, createdAt: clock.now(), lastSeenAt: clock.now(), idleTimeout: idle,
            absoluteTimeout: 86_400, authenticationLevel: .password, securityStamp: "stamp-\(user)")
    }

    /// A new random token digest.
    static func digest() -> TokenDigest { SessionToken.generate().digest }
}
