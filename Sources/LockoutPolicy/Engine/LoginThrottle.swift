public import AuthCore

import struct Foundation.Date

/// Decides whether a login attempt may go on, and counts what happened: the lockout engine.
///
/// The login flow asks for admission before it verifies a password, and reports a success after:
///
/// ```swift
/// let throttle = LoginThrottle(store: store, secret: secret)
/// let attempt = throttle.attempt(account: email, source: try SourceAddress(parsing: peer),
///                                trust: hasValidDeviceToken ? .knownDevice : .stranger)
/// let ticket = try await throttle.admit(attempt)       // decides and charges a failure, atomically
/// guard ticket.decision.isAllowed else { return .tryAgainLater(ticket.decision.retryAt) }   // same words for all
/// if try await hasher.verify(password, against: user?.hash ?? dummyHash), user != nil {
///     try await throttle.recordSuccess(ticket)          // refunds the charge
/// }                                                     // a failure needs no call: it is already counted
/// ```
///
/// The decision and the charge are one atomic store call (``LockoutStore/admit(_:at:)``), so attempts
/// in flight at once cannot all pass a check made before any of them failed: with a threshold of N,
/// at most N attempts are admitted before the lock, however many arrive together. A refused attempt
/// charges nothing (its password is never checked).
///
/// Unknown identifiers are counted exactly like known ones: the throttle never asks whether an account
/// exists, so its answers reveal nothing about which do.
///
/// A stranger's failure is charged to its pair, the account and the source; a known device's only to
/// the account's trusted pair, and only the trusted pair decides for a known device, so strangers
/// cannot lock the owner out of a device the owner already used (see ``SourceTrust``).
public struct LoginThrottle: Sendable {
    /// Where the counters live.
    public let store: any LockoutStore
    /// The escalation of each dimension.
    public let rules: LockoutRules
    /// Reads the current time for every decision.
    public let clock: any WallClock
    private let secret: LockoutSecret
    /// `store`, when it is the in-memory store: its synchronous entries skip the arrays and the
    /// suspensions of the protocol's (cast once here, not per call).
    private let memory: InMemoryLockoutStore?

    /// Creates a throttle.
    ///
    /// - Parameters:
    ///   - store: where the counters live, shared by every server guarding the same accounts.
    ///   - rules: the escalation of each dimension; ``LockoutRules/standard`` by default.
    ///   - secret: the key account identifiers are digested under (the same on every server).
    ///   - clock: the source of the current time.
    public init(
        store: any LockoutStore, rules: LockoutRules = .standard, secret: LockoutSecret,
        clock: any WallClock = SystemClock()
    ) {
        self.store = store
        self.memory = store as? InMemoryLockoutStore
        self.rules = rules
        self.secret = secret
        self.clock = clock
    }

    /// The attempt of `account` from `source`, with the identifier digested.
    ///
    /// - Parameters:
    ///   - account: the identifier as typed, normalized as your user lookup normalizes it.
    ///   - source: the address the request came from.
    ///   - trust: whether the caller recognised the source as one of the account's own.
    public func attempt(account: String, source: SourceAddress, trust: SourceTrust = .stranger) -> LoginAttempt {
        LoginAttempt(account: secret.digest(account: account), source: source.prefix, trust: trust)
    }

    /// The digest counters of `account` are keyed by, for ``unlock(_:)`` and ``status(of:)``.
    ///
    /// - Parameter account: the identifier as typed, normalized.
    public func digest(account: String) -> AccountDigest { secret.digest(account: account) }

    /// What `attempt` would be told now, without charging anything: a read-only preview for status
    /// pages and tests.
    ///
    /// Never admit a login with it: attempts in flight at once would all pass it before any failed.
    /// The login flow calls ``admit(_:)``.
    ///
    /// - Parameter attempt: who is trying.
    /// - Throws: what the store throws.
    public func check(_ attempt: LoginAttempt) async throws -> LockoutDecision {
        let now = clock.now()
        if let memory {
            // The in-memory store's synchronous entry: the same read, without arrays or a suspension.
            return attempt.withKeys { keys in
                withUnsafeTemporaryAllocation(of: LockoutCounter?.self, capacity: keys.count) { counters in
                    memory.counters(for: keys, into: counters)
                    return decision(keys: keys, counters: UnsafeBufferPointer(counters), at: now)
                }
            }
        }
        let keys = attempt.keys
        let counters = try await store.counters(for: keys)
        return keys.withUnsafeBufferPointer { keys in
            counters.withUnsafeBufferPointer { decision(keys: keys, counters: $0, at: now) }
        }
    }

    /// The most severe decision of the counters of `keys`.
    private func decision(
        keys: UnsafeBufferPointer<LockoutKey>, counters: UnsafeBufferPointer<LockoutCounter?>, at now: Date
    ) -> LockoutDecision {
        var decision = LockoutDecision.allowed
        for (key, counter) in zip(keys, counters) {
            let candidate = LockoutDecision(
                counter: counter, rules: rules.rules(for: key.dimension), dimension: key.dimension, at: now)
            if candidate.severity > decision.severity { decision = candidate }
        }
        return decision
    }

    /// Decides whether `attempt` may go on to the password check and, if it may, charges it one
    /// failure on each of its counters, in one atomic store call.
    ///
    /// A wrong password (or an unknown identifier) then needs no further call; a right one is
    /// reported with ``recordSuccess(_:)``, which takes the charge back. A refused attempt charges
    /// nothing.
    ///
    /// - Parameter attempt: who is trying.
    /// - Returns: the decision, the record for the audit log, and the ticket a success consumes.
    /// - Throws: what the store throws (``LockoutError/capacityExceeded`` from a full in-memory store);
    ///   treat it as a refusal (fail closed) or an outage, never as allowed.
    public func admit(_ attempt: LoginAttempt) async throws -> LockoutTicket {
        let now = clock.now()
        let outcome: (LockoutDecision, LockoutRecord)
        if let memory {
            // The in-memory store's synchronous entry: the same admission under its lock, the charges
            // and counters in stack buffers instead of arrays, and no suspension.
            outcome = try attempt.withKeys { keys throws(LockoutError) in
                try withUnsafeTemporaryAllocation(of: LockoutCharge.self, capacity: keys.count) {
                    charges throws(LockoutError) in
                    for (position, key) in keys.enumerated() {
                        charges.initializeElement(
                            at: position, to: LockoutCharge(key: key, rules: rules.rules(for: key.dimension)))
                    }
                    defer { charges.baseAddress!.deinitialize(count: keys.count) }
                    return try withUnsafeTemporaryAllocation(of: LockoutCounter?.self, capacity: keys.count) {
                        counters throws(LockoutError) in
                        let admitted = try memory.admit(UnsafeBufferPointer(charges), at: now, into: counters)
                        return settle(
                            charges: UnsafeBufferPointer(charges), admitted: admitted,
                            counters: UnsafeBufferPointer(counters), at: now)
                    }
                }
            }
        } else {
            let charges = attempt.keys.map { LockoutCharge(key: $0, rules: rules.rules(for: $0.dimension)) }
            let admission = try await store.admit(charges, at: now)
            outcome = charges.withUnsafeBufferPointer { charges in
                admission.counters.withUnsafeBufferPointer {
                    settle(charges: charges, admitted: admission.admitted, counters: $0, at: now)
                }
            }
        }
        return LockoutTicket(attempt: attempt, decision: outcome.0, record: outcome.1)
    }

    /// The decision and the record of an admission: what the store answered for `charges`.
    private func settle(
        charges: UnsafeBufferPointer<LockoutCharge>, admitted: Bool, counters: UnsafeBufferPointer<LockoutCounter?>,
        at now: Date
    ) -> (LockoutDecision, LockoutRecord) {
        var entries: [LockoutEntry] = []
        entries.reserveCapacity(charges.count)
        var locksStarted: [LockoutDimension] = []
        var next = LockoutDecision.allowed
        for (charge, counter) in zip(charges, counters) {
            let dimension = charge.key.dimension
            let decision = LockoutDecision(counter: counter, rules: charge.rules, dimension: dimension, at: now)
            entries.append(LockoutEntry(key: charge.key, counter: counter, decision: decision))
            // This charge started a lock if it is the one that reset the count at the threshold.
            if admitted, let counter, counter.failures == 0, counter.lastFailure == now,
                decision.kind == .locked || decision.kind == .lockedUntilUnlocked
            {
                locksStarted.append(dimension)
            }
            if decision.severity > next.severity { next = decision }
        }
        let record = LockoutRecord(
            kind: admitted ? .failure : .refused, at: now, counters: entries, locksStarted: locksStarted, next: next)
        // A store that refuses must name why; one whose counters read allowed still refused: fail closed.
        let decision: LockoutDecision =
            admitted ? .allowed : (next.isAllowed ? .delayed(until: now, counter: charges[0].key.dimension) : next)
        return (decision, record)
    }

    /// Reports that the admitted attempt of `ticket` gave the right password: clears the counter of
    /// its own party (a stranger's pair, or a known device's trusted pair) and takes back the up-front
    /// failure of the others (a stranger's account and source counters).
    ///
    /// The account and source counters measure strangers in general; if the owner's success cleared
    /// them, every login of the owner would hand an attacker a fresh allowance of guesses.
    ///
    /// - Parameter ticket: what ``admit(_:)`` returned; consumed, so it refunds once.
    /// - Returns: the record for the audit log.
    /// - Throws: ``LockoutError/notAdmitted`` if the ticket is a refusal; what the store throws.
    @discardableResult
    public func recordSuccess(_ ticket: consuming LockoutTicket) async throws -> LockoutRecord {
        guard ticket.decision.isAllowed else {
            throw LockoutError(.notAdmitted, "a refused attempt's password must not be checked")
        }
        let attempt = ticket.attempt
        let now = clock.now()
        let own: LockoutKey =
            attempt.trust == .knownDevice ? .trustedPair(attempt.account) : .pair(attempt.account, attempt.source)
        let next: LockoutDecision
        if let memory {
            // The in-memory store's synchronous entry, without arrays or suspensions: the settlement
            // and the read of the counters after it under one lock, decided at the settlement's
            // instant. The own key comes first in the attempt's keys, so the rest are the refunded ones.
            next = attempt.withKeys { keys in
                assert(keys[0] == own, "the party's own key comes first")
                return withUnsafeTemporaryAllocation(of: LockoutCounter?.self, capacity: keys.count) { counters in
                    memory.settleSuccess(
                        clearing: own, refunding: UnsafeBufferPointer(rebasing: keys.dropFirst()), into: counters)
                    return decision(keys: keys, counters: UnsafeBufferPointer(counters), at: now)
                }
            }
        } else {
            let keys = attempt.keys
            try await store.settleSuccess(clearing: [own], refunding: keys.filter { $0 != own })
            let counters = try await store.counters(for: keys)
            next = keys.withUnsafeBufferPointer { keys in
                counters.withUnsafeBufferPointer { decision(keys: keys, counters: $0, at: now) }
            }
        }
        return LockoutRecord(
            kind: .success, at: now, counters: [LockoutEntry(key: own, counter: nil, decision: .allowed)],
            locksStarted: [], next: next)
    }

    /// Reports that the admitted attempt of `ticket` was never judged: its password could not be
    /// checked (the hashing pool was full). Takes back the up-front failure from every counter the
    /// attempt charged, and clears nothing: the attempt proved nothing either way.
    ///
    /// Without it, an overloaded server would count each attempt it could not serve as a wrong
    /// password and lock the people out that it was too busy to let in.
    ///
    /// - Parameter ticket: what ``admit(_:)`` returned; consumed, so it refunds once.
    /// - Throws: ``LockoutError/notAdmitted`` if the ticket is a refusal; what the store throws.
    public func release(_ ticket: consuming LockoutTicket) async throws {
        guard ticket.decision.isAllowed else {
            throw LockoutError(.notAdmitted, "a refused attempt charged nothing to take back")
        }
        try await store.settleSuccess(clearing: [], refunding: ticket.attempt.keys)
    }

    /// Removes counters, lifting their delays and locks (administrator locks included).
    ///
    /// - Parameter keys: the counters, e.g. from ``status(of:)`` or ``accountKeys(_:)``.
    /// - Returns: the record for the audit log.
    /// - Throws: what the store throws.
    @discardableResult
    public func unlock(_ keys: [LockoutKey]) async throws -> LockoutRecord {
        try await store.clear(keys)
        return LockoutRecord(
            kind: .unlock, at: clock.now(),
            counters: keys.map { LockoutEntry(key: $0, counter: nil, decision: .allowed) }, locksStarted: [],
            next: .allowed)
    }

    /// The account-wide keys of `account`: its stranger counter and its trusted pair (pair counters
    /// also name a source; add ``LockoutKey/pair(_:_:)`` keys for the sources you know).
    ///
    /// - Parameter account: the identifier as typed, normalized.
    public func accountKeys(_ account: String) -> [LockoutKey] {
        let digest = secret.digest(account: account)
        return [.account(digest), .trustedPair(digest)]
    }

    /// Each counter of `keys` with what it decides now, for an operator.
    ///
    /// - Parameter keys: the counters to show.
    /// - Throws: what the store throws.
    public func status(of keys: [LockoutKey]) async throws -> [LockoutEntry] {
        let now = clock.now()
        let counters = try await store.counters(for: keys)
        return zip(keys, counters).map { key, counter in
            let live = counter.flatMap { $0.expiresAt > now ? $0 : nil }
            return LockoutEntry(
                key: key, counter: live,
                decision: LockoutDecision(
                    counter: live, rules: rules.rules(for: key.dimension), dimension: key.dimension, at: now))
        }
    }

    /// Drops counters that decide nothing any more; run it now and then (every few minutes).
    ///
    /// - Returns: how many were dropped.
    /// - Throws: what the store throws.
    @discardableResult
    public func removeExpired() async throws -> Int {
        try await store.removeExpired(at: clock.now())
    }
}
