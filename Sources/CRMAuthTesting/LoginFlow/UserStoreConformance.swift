public import AuthCore
import Foundation
public import LoginFlow

/// The checks every `UserStore` (LoginFlow) must pass: users copied in and out field for field (text
/// byte for byte), versions set by the store, identifiers unique by their normalized key on insert and
/// on update, the optimistic update as one compare-and-set, `recordLogin` moving forward only without
/// touching the version, paging in UTF-8 byte order, and the races the contract promises to survive.
///
/// Users are created at the check's `ManualClock` time, which starts years before the real clock.
///
/// ```swift
/// @Test("MyUserStore keeps the contract", arguments: UserStoreConformance.Check.allCases)
/// func conformance(check: UserStoreConformance.Check) async throws {
///     try await UserStoreConformance { _ in try await MyUserStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct UserStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A stored user is read back by id, by email and by username (typed in any form with the same
        /// key), with version 1 whatever version was given; unknown ids and identifiers read `nil`.
        case insertAndLookUp
        /// Every field comes back exactly as written: texts byte for byte (a canonically equivalent
        /// spelling is not the same text), instants, optional fields both set and `nil`.
        case fieldsRoundTrip
        /// Changing a value the caller holds, or the one the store returned, never changes what is stored.
        case valuesCopied
        /// An id already stored is refused with `.duplicate`, storing nothing.
        case duplicateIDRefused
        /// An email key or username key held by another user is refused with `.identifierTaken` on
        /// insert, whatever form it is typed in (case, width, composed or decomposed), storing nothing.
        case identifierTakenOnInsert
        /// Users without a username coexist (no username is not one shared username); user ids are
        /// compared byte for byte, so canonically equivalent ids are two users.
        case identifiersIndependent
        /// `update` writes every field only from the stored version, answers the stored value with the
        /// version one higher, and `nil` (changing nothing) for a stale version or an absent user.
        case updateCompareAndSet
        /// `update` to an identifier held by another user throws `.identifierTaken` and writes nothing;
        /// the identifiers a user gives up are free for others, and no longer find the user.
        case updateChecksIdentifiers
        /// `recordLogin` moves the last-login instant forward only, keeps the version (an update read
        /// before it still succeeds) and answers `false` for an absent user.
        case recordLoginForwardOnly
        /// `users(after:limit:)` pages through every user in ascending order of the id's UTF-8 bytes,
        /// strictly after the cursor (stored or not); a limit of 0 answers nothing.
        case pagingInByteOrder
        /// Many registrations of one email address (in different typed forms): exactly one succeeds,
        /// the rest get `.identifierTaken`, one user is stored.
        case concurrentRegistration
        /// Many updates from one version: exactly one wins, its value is stored with the next version.
        case concurrentUpdates
        /// Many users changing their email to one address at once: exactly one gets it.
        case concurrentIdentifierClaims
        /// Many logins recorded at once: the latest instant is kept, the version unchanged.
        case concurrentRecordLogin

        /// The case name, used in issue comments.
        public var description: String { "UserStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any UserStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any UserStore) {
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
        case .insertAndLookUp: try await insertAndLookUp(store, clock)
        case .fieldsRoundTrip: try await fieldsRoundTrip(store, clock)
        case .valuesCopied: try await valuesCopied(store, clock)
        case .duplicateIDRefused: try await duplicateIDRefused(store, clock)
        case .identifierTakenOnInsert: try await identifierTakenOnInsert(store, clock)
        case .identifiersIndependent: try await identifiersIndependent(store, clock)
        case .updateCompareAndSet: try await updateCompareAndSet(store, clock)
        case .updateChecksIdentifiers: try await updateChecksIdentifiers(store, clock)
        case .recordLoginForwardOnly: try await recordLoginForwardOnly(store, clock)
        case .pagingInByteOrder: try await pagingInByteOrder(store, clock)
        case .concurrentRegistration: try await concurrentRegistration(store, clock)
        case .concurrentUpdates: try await concurrentUpdates(store, clock)
        case .concurrentIdentifierClaims: try await concurrentIdentifierClaims(store, clock)
        case .concurrentRecordLogin: try await concurrentRecordLogin(store, clock)
        }
    }

    /// An active user `id` with `email` (and `username`), created now.
    static func user(
        _ id: UserID, email: String, username: String? = nil, at clock: ManualClock
    ) throws -> User {
        User(
            id: id, email: try LoginIdentifier(email: email),
            username: try username.map { try LoginIdentifier(username: $0) },
            displayName: "User \(id.rawValue)", status: .active, createdAt: clock.now())
    }

    /// Whether `stored` is `expected` field for field, every text byte for byte (Swift's `==` on
    /// `String` calls canonically equivalent spellings equal; a database does not).
    static func exactlyEqual(_ stored: User?, _ expected: User?) -> Bool {
        guard let stored, let expected else { return stored == nil && expected == nil }
        return stored == expected && texts(stored) == texts(expected)
    }

    /// Every text field of `user` as UTF-8 bytes, in a fixed order.
    static func texts(_ user: User) -> [[UInt8]] {
        var texts = [
            user.id.rawValue, user.email.text, user.email.key, user.username?.text ?? "-", user.username?.key ?? "-",
            user.displayName, user.homeTenant?.rawValue ?? "-", user.passwordHash ?? "-", user.securityStamp,
        ]
        for identity in user.externalIdentities { texts += [identity.provider, identity.subject] }
        return texts.map { Array($0.utf8) }
    }
}
