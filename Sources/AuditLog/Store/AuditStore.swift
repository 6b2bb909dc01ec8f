/// Where audit records are kept: an append-only hash chain.
///
/// Contract for conformers:
/// - ``append(_:)`` is ONE atomic operation against the current head: read the head, link the events
///   with ``AuditChain/link(_:after:)``, write the records and the new head, all in one transaction
///   holding the head's lock. Two app servers appending at once must produce one chain without gaps
///   or forks. SQLite: `BEGIN IMMEDIATE`, read the one-row head table, insert, update the head,
///   `COMMIT`. PostgreSQL (READ COMMITTED): `SELECT sequence, hash FROM audit_head FOR UPDATE`, insert,
///   update, commit. Records are stored exactly as linked; nothing about them is recomputed.
/// - The head survives pruning: keep it in its own row, so a chain whose records were all pruned
///   still continues from the right sequence number and hash.
/// - ``records(from:limit:)`` returns records in ascending sequence order starting at `from`
///   (or the first record after it that exists).
/// - ``query(_:)`` returns matching records newest first; a cursor continues below its sequence number.
/// - ``prune(through:)`` deletes the records up to a sequence number in one statement
///   (`DELETE FROM audit_records WHERE sequence <= ?`); the caller signs a checkpoint there first.
/// - Stores never read a clock; a thrown error means nothing from that call was written.
///
/// `AuditStoreConformance` in CRMAuthTesting checks every point, the append under 64 racing tasks.
public protocol AuditStore: Sendable {
    /// Appends `events` after the current head, atomically, and returns the records written.
    ///
    /// - Parameter events: the events, oldest first; an empty batch writes nothing.
    func append(_ events: [AuditEvent]) async throws -> [AuditRecord]

    /// The current head: the last record's sequence number and hash (``AuditChainHead/empty`` for a
    /// chain that never had a record).
    func head() async throws -> AuditChainHead

    /// Up to `limit` records from sequence number `from` on, ascending.
    ///
    /// - Parameters:
    ///   - from: the first sequence number wanted.
    ///   - limit: the most records returned.
    func records(from: UInt64, limit: Int) async throws -> [AuditRecord]

    /// The records matching `query`, newest first, one page.
    ///
    /// - Parameter query: the filters, page size and cursor.
    func query(_ query: AuditQuery) async throws -> AuditPage

    /// Deletes every record with a sequence number up to `sequence`; returns how many were deleted.
    ///
    /// - Parameter sequence: the last sequence number deleted.
    func prune(through sequence: UInt64) async throws -> Int
}

/// Where signed checkpoints are kept.
///
/// Contract: ``save(_:)`` keeps a checkpoint as given (saving the same sequence number and key id
/// again replaces it); ``checkpoints(from:through:)`` returns them ascending by sequence number.
/// Checkpoints are never pruned with records: the one at a cut anchors what remains.
public protocol AuditCheckpointStore: Sendable {
    /// Saves a checkpoint.
    ///
    /// - Parameter checkpoint: the signed checkpoint.
    func save(_ checkpoint: AuditCheckpoint) async throws

    /// The checkpoints pinning records `from` through `through`, ascending.
    ///
    /// - Parameters:
    ///   - from: the lowest sequence number.
    ///   - through: the highest sequence number.
    func checkpoints(from: UInt64, through: UInt64) async throws -> [AuditCheckpoint]
}
