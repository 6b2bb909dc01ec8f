/// What ``AuditVerifier`` found: every problem with its sequence number, and how far the chain is
/// pinned by checkpoints.
public struct AuditVerificationReport: Sendable, Hashable {
    /// Every problem, records first (in the order given), then checkpoints.
    public let problems: [AuditProblem]
    /// How many records were checked.
    public let recordCount: Int
    /// How many checkpoints were checked.
    public let checkpointCount: Int
    /// Whether checkpoint signatures were checked (a public key was given). Without one, checkpoints
    /// are compared with the records but could have been forged by whoever wrote the store.
    public let signaturesChecked: Bool
    /// The highest sequence number a sound checkpoint pins and the records match; `nil` if none.
    /// Records after it could have been cut off without trace (see ``unpinnedTail``).
    public let lastPinnedSequence: UInt64?
    /// How many records after ``lastPinnedSequence`` no checkpoint pins: a truncation of those is
    /// undetectable until the next checkpoint covers them.
    public let unpinnedTail: UInt64

    /// Whether no problem was found.
    public var isIntact: Bool { problems.isEmpty }
}
