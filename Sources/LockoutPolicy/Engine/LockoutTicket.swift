/// The answer to ``LoginThrottle/admit(_:)``: the decision, and the proof of admission that
/// ``LoginThrottle/recordSuccess(_:)`` consumes.
///
/// An admitted attempt has already been charged one failure on each of its counters, so a wrong
/// password needs no further call: drop the ticket. A ticket cannot be copied, and reporting a
/// success consumes it, so one admission refunds at most once.
public struct LockoutTicket: Sendable, ~Copyable {
    /// Who tried.
    public let attempt: LoginAttempt
    /// Whether to verify the password (``LockoutDecision/allowed``), or why not.
    public let decision: LockoutDecision
    /// The record for the audit log: the up-front charge (``LockoutRecord/Kind/failure``) or the
    /// refusal (``LockoutRecord/Kind/refused``).
    public let record: LockoutRecord
}
