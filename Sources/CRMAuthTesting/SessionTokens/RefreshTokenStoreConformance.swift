public import AuthCore
import Foundation
public import SessionTokens

/// The checks every `RefreshTokenStore` (SessionTokens) must pass: atomic rotation, reuse detection
/// that fires exactly once and revokes the whole family (and no other, family ids compared byte for
/// byte), revocation and purging by the given instant.
///
/// ```swift
/// @Test("MyRefreshTokenStore keeps the contract", arguments: RefreshTokenStoreConformance.Check.allCases)
/// func conformance(check: RefreshTokenStoreConformance.Check) async throws {
///     try await RefreshTokenStoreConformance { _ in try await MyRefreshTokenStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct RefreshTokenStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A stored record is read back field for field; unknown digests read `nil`.
        case insertAndRead
        /// A digest already stored is refused with `.duplicate`, changing nothing.
        case duplicateInsertRefused
        /// Rotation marks the token used and stores an unused successor in the same family.
        case rotateStoresSuccessor
        /// Rotating an unknown digest is `.notFound` and stores nothing.
        case rotateUnknownIsNotFound
        /// Rotating onto a digest already stored throws `.duplicate` and changes nothing.
        case rotateRefusesTakenDigest
        /// Expiry is the caller's decision: a record past its expiry still rotates.
        case rotateIgnoresExpiry
        /// A used token presented again revokes its whole family, once; other families stay.
        case reuseRevokesFamily
        /// Revoking a family removes its records, used or not, and counts them.
        case revokeFamily
        /// Revoking with an owner removes the family only when its user id is that owner, byte for
        /// byte; someone else's family stays and 0 is returned.
        case revokeFamilyChecksOwner
        /// Family ids are compared and read back byte for byte (Unicode normalization counts), user
        /// ids read back so: revocation and reuse detection never reach a canonically equivalent family.
        case familiesIndependent
        /// `purgeExpired(at:)` removes exactly the records expired at that instant, expiry instant included.
        case purgeExpired
        /// Many callers rotating one token: one `.rotated`, one `.reuseDetected`, the rest `.notFound`.
        case concurrentRotation

        /// The case name, used in issue comments.
        public var description: String { "RefreshTokenStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any RefreshTokenStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 3).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any RefreshTokenStore) {
        self.racers = max(3, racers)
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
        case .insertAndRead: try await insertAndRead(store, clock)
        case .duplicateInsertRefused: try await duplicateInsertRefused(store, clock)
        case .rotateStoresSuccessor: try await rotateStoresSuccessor(store, clock)
        case .rotateUnknownIsNotFound: try await rotateUnknownIsNotFound(store, clock)
        case .rotateRefusesTakenDigest: try await rotateRefusesTakenDigest(store, clock)
        case .rotateIgnoresExpiry: try await rotateIgnoresExpiry(store, clock)
        case .reuseRevokesFamily: try await reuseRevokesFamily(store, clock)
        case .revokeFamily: try await revokeFamily(store, clock)
        case .revokeFamilyChecksOwner: try await revokeFamilyChecksOwner(store, clock)
        case .familiesIndependent: try await familiesIndependent(store, clock)
        case .purgeExpired: try await purgeExpired(store, clock)
        case .concurrentRotation: try await concurrentRotation(store, clock)
        }
    }

    /// The first record of a new family of `user`, started now and living `lifetime`.
    static func record(_ user: UserID = "ada", at clock: ManualClock, lifetime: TimeInterval = 86_400)
        -> RefreshTokenRecord
    {
        RefreshTokenRecord(
            familyID: .generate(), userID: user, securityStamp: "stamp-\(user)-\u{E9}", familyCreatedAt: clock.now(),
            expiresAt: clock.now().addingTimeInterval(lifetime))
    }

    /// A new random token digest.
    static func digest() -> TokenDigest { RefreshToken.generate().digest }
}
