public import AuthCore
public import Logging

/// The audit log in use: appends events to a store, signs checkpoints, verifies, prunes, forwards
/// events to a `Logger`.
///
/// Every ``checkpointInterval`` records (a record whose sequence number is a multiple of it) the
/// trail signs a checkpoint; ``checkpoint()`` signs one on demand (at shutdown, before an export).
/// For appends off the login path, put an ``AuditRecorder`` in front of it.
///
/// ```swift
/// let store = InMemoryAuditStore()
/// let trail = try AuditTrail(store: store, checkpoints: store, signingKey: key, clock: SystemClock())
/// try await trail.record([event])
/// let report = try await trail.verify(publicKeys: [key.publicKey])
/// ```
public struct AuditTrail: Sendable {
    /// Where records are kept.
    public let store: any AuditStore
    /// Where checkpoints are kept.
    public let checkpointStore: any AuditCheckpointStore
    /// A checkpoint is signed at every record whose sequence number is a multiple of this.
    public let checkpointInterval: UInt64
    let signingKey: Ed25519SigningKey
    let clock: any WallClock
    let logger: Logger

    /// Creates a trail.
    ///
    /// - Parameters:
    ///   - store: where records are kept.
    ///   - checkpoints: where checkpoints are kept (often the same object as `store`).
    ///   - signingKey: the key checkpoints are signed with.
    ///   - checkpointInterval: sign a checkpoint every this many records, 1 to 1,000,000 (default 1,000).
    ///   - clock: the clock checkpoint times are read from.
    ///   - logger: where each recorded event is also logged as structured metadata; no-op by default.
    /// - Throws: ``AuditError/invalidQuery`` for an interval out of range.
    public init(
        store: any AuditStore, checkpoints: any AuditCheckpointStore, signingKey: Ed25519SigningKey,
        checkpointInterval: UInt64 = 1000, clock: any WallClock = SystemClock(),
        logger: Logger = Logger(label: "crmauth.audit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(AuditError) {
        guard (1...1_000_000).contains(checkpointInterval) else {
            throw AuditError(.invalidQuery, "the checkpoint interval is 1 to 1,000,000 records")
        }
        self.store = store
        checkpointStore = checkpoints
        self.signingKey = signingKey
        self.checkpointInterval = checkpointInterval
        self.clock = clock
        self.logger = logger
    }

    /// Appends `events` in one atomic batch, signs the checkpoints that fall due, logs each event.
    ///
    /// - Parameter events: the events, oldest first.
    /// - Returns: the records written.
    /// - Throws: ``AuditError/storeFailure`` with the store's error, or ``AuditError/signingFailed``.
    @discardableResult
    public func record(_ events: [AuditEvent]) async throws(AuditError) -> [AuditRecord] {
        guard !events.isEmpty else { return [] }
        let records: [AuditRecord]
        do {
            records = try await store.append(events)
        } catch {
            throw AuditError(.storeFailure, "appending \(events.count) events", underlying: error)
        }
        for record in records where record.sequence % checkpointInterval == 0 {
            try await saveCheckpoint(of: record.head)
        }
        for record in records { log(record) }
        return records
    }

    /// Signs and saves a checkpoint of the current head, if the chain has a record.
    ///
    /// - Returns: the checkpoint, or `nil` for an empty chain.
    /// - Throws: ``AuditError/storeFailure`` or ``AuditError/signingFailed``.
    @discardableResult
    public func checkpoint() async throws(AuditError) -> AuditCheckpoint? {
        let head: AuditChainHead
        do { head = try await store.head() } catch {
            throw AuditError(.storeFailure, "reading the head", underlying: error)
        }
        guard head.sequence > 0 else { return nil }
        return try await saveCheckpoint(of: head)
    }

    @discardableResult
    func saveCheckpoint(of head: AuditChainHead) async throws(AuditError) -> AuditCheckpoint {
        let checkpoint = try AuditCheckpoint(signing: head, at: clock.now(), with: signingKey)
        do { try await checkpointStore.save(checkpoint) } catch {
            throw AuditError(.storeFailure, "saving a checkpoint", underlying: error)
        }
        return checkpoint
    }

    func log(_ record: AuditRecord) {
        // The metadata costs more than the append itself; build it only for a logger that keeps it.
        guard logger.logLevel <= .info else { return }
        let event = record.event
        var metadata: Logger.Metadata = [
            "audit.sequence": "\(record.sequence)", "audit.kind": "\(event.kind.name)",
            "audit.outcome": "\(event.outcome.rawValue)", "audit.time": "\(event.milliseconds)",
        ]
        if let actor = event.actor { metadata["audit.actor"] = "\(actor.rawValue)" }
        if let subject = event.subject { metadata["audit.subject"] = "\(subject.rawValue)" }
        if let tenant = event.tenant { metadata["audit.tenant"] = "\(tenant.rawValue)" }
        if let source = event.sourceAddress { metadata["audit.source"] = "\(source)" }
        if let agent = event.userAgent { metadata["audit.user_agent"] = "\(agent)" }
        if let reason = event.reason { metadata["audit.reason"] = "\(reason)" }
        if !event.metadata.isEmpty {
            metadata["audit.metadata"] = .dictionary(event.metadata.mapValues { .string($0) })
        }
        logger.info("audit event \(event.kind.name)", metadata: metadata)
    }
}
