/// The chain's one linking rule, shared by every store: number the events after the head and hash
/// each record over its predecessor's hash.
///
/// A store calls ``link(_:after:)`` inside the transaction that holds its head (see ``AuditStore``),
/// so the records it writes are exactly the ones a verifier expects.
///
/// ```swift
/// let records = AuditChain.link(events, after: head)   // head read under the store's lock
/// ```
public enum AuditChain {
    /// The records `events` become when appended after `head`, in order.
    ///
    /// - Parameters:
    ///   - events: the events to append, oldest first.
    ///   - head: the chain's current head (``AuditChainHead/empty`` for an empty chain).
    /// - Returns: one record per event, numbered from `head.sequence + 1`, each linked to the one before.
    public static func link(_ events: [AuditEvent], after head: AuditChainHead) -> [AuditRecord] {
        var previous = head
        var records: [AuditRecord] = []
        records.reserveCapacity(events.count)
        var json = CanonicalJSON()
        for event in events {
            let sequence = previous.sequence + 1
            json.reset()
            AuditRecord.write(sequence: sequence, event: event, previousHash: previous.hash, to: &json)
            let hash = json.hash()
            let record = AuditRecord(sequence: sequence, event: event, previousHash: previous.hash, hash: hash)
            records.append(record)
            previous = record.head
        }
        return records
    }
}
