/// One thing wrong with a chain, at the sequence number where it shows.
public struct AuditProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong. The raw values are the names the export verifier prints and the fixtures hold.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The record's content does not hash to its stored hash: it was edited after it was written.
        case recordAltered = "record_altered"
        /// The record does not link to the hash of the record before it: that one was altered (and
        /// rehashed), or this one was put in its place.
        case linkBroken = "link_broken"
        /// Records between the previous one and this one are absent: they were deleted.
        case recordsMissing = "records_missing"
        /// A record with this sequence number came earlier too: one of them was inserted.
        case recordDuplicated = "record_duplicated"
        /// The record comes after a higher sequence number: records were reordered.
        case recordOutOfOrder = "record_out_of_order"
        /// The first record is not record 1 and no trusted checkpoint or anchor pins its predecessor.
        case startUnanchored = "start_unanchored"
        /// The checkpoint names a key the verifier was not given.
        case checkpointKeyUnknown = "checkpoint_key_unknown"
        /// The checkpoint's signature does not verify: the checkpoint was forged or edited.
        case checkpointSignatureInvalid = "checkpoint_signature_invalid"
        /// The record the checkpoint pins has another hash: the chain was rewritten up to there.
        case checkpointHashMismatch = "checkpoint_hash_mismatch"
        /// The record the checkpoint pins is absent: deleted, or the tail was cut off after it.
        case checkpointRecordMissing = "checkpoint_record_missing"
    }

    /// Where it shows: the record's or the checkpoint's sequence number.
    public let sequence: UInt64
    /// What is wrong.
    public let kind: Kind

    /// Creates a problem.
    ///
    /// - Parameters:
    ///   - kind: what is wrong.
    ///   - sequence: where it shows.
    public init(_ kind: Kind, at sequence: UInt64) {
        self.kind = kind
        self.sequence = sequence
    }

    /// `sequence N: kind`, the line `crm-auth audit verify` prints.
    public var description: String { "sequence \(sequence): \(kind.rawValue)" }
}
