public import AuditLog
public import AuthCore
public import LockoutPolicy
public import LoginFlow
public import PasswordPolicy
public import RBAC
public import SessionTokens
import Synchronization
public import TOTP

public import struct Foundation.Date

/// Several stores that share one backing database, used in turn: each call goes to the next store,
/// round robin. Give it one store per connection pool or database handle, as separate app servers
/// would each have their own, and run a conformance suite over it: its races then contend in the
/// database, across pools, not inside one of them.
///
/// ```swift
/// let servers = AlternatingStores([PostgresUserStore(database: first), PostgresUserStore(database: second)])
/// try await UserStoreConformance { _ in servers }.run(check)
/// ```
///
/// It conforms to every store protocol its stores conform to, forwarding each call unchanged.
public final class AlternatingStores<Store: Sendable>: Sendable {
    private let stores: [Store]
    private let next = Atomic<Int>(0)
    private let release: (@Sendable () -> Void)?

    /// Stores used in turn.
    /// - Parameters:
    ///   - stores: at least one store.
    ///   - release: run when this value is released (closing the extra database handles the stores use).
    public init(_ stores: [Store], release: (@Sendable () -> Void)? = nil) {
        precondition(!stores.isEmpty, "AlternatingStores needs at least one store")
        self.stores = stores
        self.release = release
    }

    deinit { release?() }

    /// The store the next call goes to.
    public var any: Store {
        stores[next.wrappingAdd(1, ordering: .relaxed).oldValue % stores.count]
    }
}

extension AlternatingStores: AuditStore where Store: AuditStore {
    public func append(_ events: [AuditEvent]) async throws -> [AuditRecord] { try await any.append(events) }
    public func head() async throws -> AuditChainHead { try await any.head() }
    public func records(from: UInt64, limit: Int) async throws -> [AuditRecord] {
        try await any.records(from: from, limit: limit)
    }
    public func query(_ query: AuditQuery) async throws -> AuditPage { try await any.query(query) }
    public func prune(through sequence: UInt64) async throws -> Int { try await any.prune(through: sequence) }
}

extension AlternatingStores: AuditCheckpointStore where Store: AuditCheckpointStore {
    public func save(_ checkpoint: AuditCheckpoint) async throws { try await any.save(checkpoint) }
    public func checkpoints(from: UInt64, through: UInt64) async throws -> [AuditCheckpoint] {
        try await any.checkpoints(from: from, through: through)
    }
}

extension AlternatingStores: LockoutStore where Store: LockoutStore {
    public func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission {
        try await any.admit(charges, at: instant)
    }
    public func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws {
        try await any.settleSuccess(clearing: cleared, refunding: refunded)
    }
    public func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?] { try await any.counters(for: keys) }
    public func clear(_ keys: [LockoutKey]) async throws { try await any.clear(keys) }
    public func removeExpired(at instant: Date) async throws -> Int { try await any.removeExpired(at: instant) }
}

extension AlternatingStores: RememberedDeviceStore where Store: RememberedDeviceStore {
    public func insert(_ device: RememberedDevice, digest: TokenDigest, limit: Int) async throws -> [DeviceID] {
        try await any.insert(device, digest: digest, limit: limit)
    }
    public func device(digest: TokenDigest) async throws -> RememberedDevice? { try await any.device(digest: digest) }
    public func touch(digest: TokenDigest, lastUsedAt: Date) async throws -> Bool {
        try await any.touch(digest: digest, lastUsedAt: lastUsedAt)
    }
    public func devices(userID: UserID) async throws -> [RememberedDevice] { try await any.devices(userID: userID) }
    public func delete(id: DeviceID, userID: UserID) async throws -> Bool {
        try await any.delete(id: id, userID: userID)
    }
    public func deleteAll(userID: UserID) async throws -> Int { try await any.deleteAll(userID: userID) }
    public func purgeExpired(at date: Date) async throws -> Int { try await any.purgeExpired(at: date) }
}

extension AlternatingStores: MFAChallengeStore where Store: MFAChallengeStore {
    public func insert(_ challenge: MFAChallenge, digest: TokenDigest) async throws {
        try await any.insert(challenge, digest: digest)
    }
    public func challenge(digest: TokenDigest) async throws -> MFAChallenge? { try await any.challenge(digest: digest) }
    public func recordFailure(digest: TokenDigest, maximumFailures: Int) async throws -> MFAChallenge? {
        try await any.recordFailure(digest: digest, maximumFailures: maximumFailures)
    }
    public func consume(digest: TokenDigest) async throws -> MFAChallenge? { try await any.consume(digest: digest) }
    public func purgeExpired(at date: Date) async throws -> Int { try await any.purgeExpired(at: date) }
}

extension AlternatingStores: PasswordHistoryStore where Store: PasswordHistoryStore {
    public func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        try await any.append(entry, userID: userID, keepingNewest: limit)
    }
    public func entries(userID: UserID) async throws -> [PasswordHistoryEntry] { try await any.entries(userID: userID) }
    public func removeEntries(userID: UserID) async throws { try await any.removeEntries(userID: userID) }
}

extension AlternatingStores: RoleStore where Store: RoleStore {
    public func policy() async throws -> VersionedPolicy { try await any.policy() }
    public func version() async throws -> UInt64 { try await any.version() }
    public func apply(_ changes: [PolicyChange], expecting: UInt64?) async throws -> UInt64 {
        try await any.apply(changes, expecting: expecting)
    }
}

extension AlternatingStores: RefreshTokenStore where Store: RefreshTokenStore {
    public func insert(_ record: RefreshTokenRecord, digest: TokenDigest) async throws {
        try await any.insert(record, digest: digest)
    }
    public func record(digest: TokenDigest) async throws -> RefreshTokenRecord? { try await any.record(digest: digest) }
    public func rotate(digest old: TokenDigest, to new: TokenDigest) async throws -> RefreshRotation {
        try await any.rotate(digest: old, to: new)
    }
    public func revokeFamily(_ familyID: RefreshFamilyID) async throws -> Int { try await any.revokeFamily(familyID) }
    public func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Int {
        try await any.revokeFamily(familyID, userID: userID)
    }
    public func purgeExpired(at date: Date) async throws -> Int { try await any.purgeExpired(at: date) }
}

extension AlternatingStores: TOTPStore where Store: TOTPStore {
    public func markStepUsed(userID: UserID, step: Int64) async throws -> Bool {
        try await any.markStepUsed(userID: userID, step: step)
    }
    public func lastUsedStep(userID: UserID) async throws -> Int64? { try await any.lastUsedStep(userID: userID) }
    public func removeSteps(userID: UserID) async throws { try await any.removeSteps(userID: userID) }
}

extension AlternatingStores: HOTPCounterStore where Store: HOTPCounterStore {
    public func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool {
        try await any.advanceCounter(userID: userID, to: counter)
    }
    public func lastAcceptedCounter(userID: UserID) async throws -> UInt64? {
        try await any.lastAcceptedCounter(userID: userID)
    }
    public func removeCounter(userID: UserID) async throws { try await any.removeCounter(userID: userID) }
}

extension AlternatingStores: TOTPEnrollmentStore where Store: TOTPEnrollmentStore {
    public func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        try await any.savePending(userID: userID, secret: secret, createdAt: createdAt)
    }
    public func pending(userID: UserID) async throws -> PendingOTPSecret? { try await any.pending(userID: userID) }
    public func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        try await any.activate(userID: userID, pending: pending)
    }
    public func active(userID: UserID) async throws -> SealedOTPSecret? { try await any.active(userID: userID) }
    public func replaceActive(userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws
        -> Bool
    {
        try await any.replaceActive(userID: userID, expected: expected, with: replacement)
    }
    public func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        try await any.removeActive(userID: userID, expected: expected)
    }
    public func remove(userID: UserID) async throws { try await any.remove(userID: userID) }
}

extension AlternatingStores: RecoveryCodeStore where Store: RecoveryCodeStore {
    public func replaceCodes(userID: UserID, digests: [RecoveryCodeDigest]) async throws {
        try await any.replaceCodes(userID: userID, digests: digests)
    }
    public func consumeCode(userID: UserID, digest: RecoveryCodeDigest) async throws -> Bool {
        try await any.consumeCode(userID: userID, digest: digest)
    }
    public func remainingCodes(userID: UserID) async throws -> Int { try await any.remainingCodes(userID: userID) }
}

extension AlternatingStores: UserStore where Store: UserStore {
    public func insert(_ user: User) async throws -> User { try await any.insert(user) }
    public func user(id: UserID) async throws -> User? { try await any.user(id: id) }
    public func user(identifier: LoginIdentifier) async throws -> User? { try await any.user(identifier: identifier) }
    public func update(_ user: User, expectedVersion: UInt64) async throws -> User? {
        try await any.update(user, expectedVersion: expectedVersion)
    }
    public func recordLogin(id: UserID, at date: Date) async throws -> Bool {
        try await any.recordLogin(id: id, at: date)
    }
    public func users(after cursor: UserID?, limit: Int) async throws -> [User] {
        try await any.users(after: cursor, limit: limit)
    }
}

extension AlternatingStores: SessionStore where Store: SessionStore {
    public func session(digest: TokenDigest) async throws -> Session? { try await any.session(digest: digest) }
    public func insert(_ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?) async throws
        -> [SessionID]
    {
        try await any.insert(session, digest: digest, limit: limit)
    }
    public func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await any.touch(digest: digest, lastSeenAt: lastSeenAt)
    }
    public func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        try await any.replace(digest: old, with: new, session: session)
    }
    public func delete(id: SessionID, userID: UserID) async throws -> Bool {
        try await any.delete(id: id, userID: userID)
    }
    public func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        try await any.deleteAll(userID: userID, except: kept)
    }
    public func sessions(userID: UserID) async throws -> [Session] { try await any.sessions(userID: userID) }
    public func purgeExpired(at date: Date) async throws -> Int { try await any.purgeExpired(at: date) }
}

extension AlternatingStores: OneTimeTokenStore where Store: OneTimeTokenStore {
    public func insert(_ record: OneTimeTokenRecord, digest: TokenDigest) async throws {
        try await any.insert(record, digest: digest)
    }
    public func consume(digest: TokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord? {
        try await any.consume(digest: digest, purpose: purpose)
    }
    public func purgeExpired(at date: Date) async throws -> Int { try await any.purgeExpired(at: date) }
}
