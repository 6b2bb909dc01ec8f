public import AuthCore
import Foundation
public import LoginFlow
import SessionTokens

/// The checks every `RememberedDeviceStore` (LoginFlow) must pass: records copied in and out field for
/// field, the per-user limit applied in the same step as the insert (least recently used evicted first),
/// "last used" moving forward only, deletion checked against the owner, user ids compared byte for byte,
/// purging by the given instant, and the races the contract promises to survive.
///
/// ```swift
/// @Test("MyRememberedDeviceStore keeps the contract", arguments: RememberedDeviceStoreConformance.Check.allCases)
/// func conformance(check: RememberedDeviceStoreConformance.Check) async throws {
///     try await RememberedDeviceStoreConformance { _ in try await MyDeviceStore(database: .temporary()) }.run(check)
/// }
/// ```
public struct RememberedDeviceStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// A stored device is read back by its digest, every field exactly (texts byte for byte);
        /// unknown digests read `nil`; a first device evicts nothing.
        case insertAndLookUp
        /// Changing a value the caller holds, or one the store returned, never changes what is stored.
        case valuesCopied
        /// A digest or device id already stored is refused with `.duplicate`, storing and evicting nothing.
        case duplicateRefused
        /// Over the limit, the least recently used devices (by "last used", not creation) are removed
        /// and their ids returned.
        case limitEvictsLeastRecentlyUsed
        /// Devices expired at the new device's creation do not count against the limit.
        case limitIgnoresExpired
        /// The limit counts one user's devices only; canonically equivalent user ids are two users.
        case limitIsPerUser
        /// `touch` moves "last used" forward only; an absent digest is `false`.
        case touchMovesForward
        /// `devices(userID:)` lists every device of that user, expired ones included, and no other's.
        case listsPerUser
        /// `delete(id:userID:)` removes the owner's device once; another user id (also a canonically
        /// equivalent spelling of the owner's) gets `false` and leaves it.
        case deleteChecksOwner
        /// `deleteAll(userID:)` removes every device of the user, counting them, and no other's.
        case deleteAll
        /// `purgeExpired(at:)` removes exactly the devices expired at that instant, expiry included.
        case purgeExpired
        /// Many devices remembered at once under a limit: all stored, the limit kept, each eviction
        /// reported exactly once.
        case concurrentLimit
        /// Many callers inserting under one digest: exactly one succeeds, the rest get `.duplicate`.
        case concurrentDuplicateDigest
        /// Many touches at once: the latest instant is kept.
        case concurrentTouch

        /// The case name, used in issue comments.
        public var description: String { "RememberedDeviceStore.\(rawValue)" }
    }

    /// How many tasks race in the concurrency checks.
    public let racers: Int
    let makeStore: @Sendable (ManualClock) async throws -> any RememberedDeviceStore

    /// Creates the suite.
    ///
    /// - Parameters:
    ///   - racers: how many tasks race in the concurrency checks (at least 2).
    ///   - makeStore: returns a new, empty store; the clock is the check's (a store that needs one
    ///     must read it, never the system clock).
    public init(
        racers: Int = 64, makeStore: @escaping @Sendable (ManualClock) async throws -> any RememberedDeviceStore
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
        case .insertAndLookUp: try await insertAndLookUp(store, clock)
        case .valuesCopied: try await valuesCopied(store, clock)
        case .duplicateRefused: try await duplicateRefused(store, clock)
        case .limitEvictsLeastRecentlyUsed: try await limitEvictsLeastRecentlyUsed(store, clock)
        case .limitIgnoresExpired: try await limitIgnoresExpired(store, clock)
        case .limitIsPerUser: try await limitIsPerUser(store, clock)
        case .touchMovesForward: try await touchMovesForward(store, clock)
        case .listsPerUser: try await listsPerUser(store, clock)
        case .deleteChecksOwner: try await deleteChecksOwner(store, clock)
        case .deleteAll: try await deleteAll(store, clock)
        case .purgeExpired: try await purgeExpired(store, clock)
        case .concurrentLimit: try await concurrentLimit(store, clock)
        case .concurrentDuplicateDigest: try await concurrentDuplicateDigest(store, clock)
        case .concurrentTouch: try await concurrentTouch(store, clock)
        }
    }

    /// How long the suite's devices live: 30 days.
    static let lifetime: TimeInterval = 30 * 86_400

    /// A new device of `user`, remembered now, living ``lifetime``.
    static func device(_ user: UserID = "ada", at clock: ManualClock) -> RememberedDevice {
        RememberedDevice(
            id: .generate(), userID: user, label: "Firefox on Linux", securityStamp: "stamp-\(user.rawValue)",
            createdAt: clock.now(), lastUsedAt: clock.now(), expiresAt: clock.now().addingTimeInterval(lifetime))
    }

    /// A new random token digest.
    static func digest() -> TokenDigest { DeviceToken.generate().digest }

    /// Whether `stored` is `expected` field for field, every text byte for byte.
    static func exactlyEqual(_ stored: RememberedDevice?, _ expected: RememberedDevice?) -> Bool {
        guard let stored, let expected else { return stored == nil && expected == nil }
        return stored == expected
            && [stored.id.rawValue, stored.userID.rawValue, stored.label, stored.securityStamp].map { Array($0.utf8) }
                == [expected.id.rawValue, expected.userID.rawValue, expected.label, expected.securityStamp].map {
                    Array($0.utf8)
                }
    }

    /// The ids of `devices`, as a set of their texts' bytes (a `Set<DeviceID>` would do too: ids are random).
    static func ids(_ devices: [RememberedDevice]) -> Set<[UInt8]> { Set(devices.map { Array($0.id.rawValue.utf8) }) }

    /// The ids as their texts' bytes.
    static func ids(_ ids: [DeviceID]) -> Set<[UInt8]> { Set(ids.map { Array($0.rawValue.utf8) }) }
}
