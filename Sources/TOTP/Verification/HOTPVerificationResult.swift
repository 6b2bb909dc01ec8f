/// The outcome of checking an HOTP code (RFC 4226 §7.2, §7.4).
///
/// The login flow counts ``invalid`` and ``replayed`` as failed attempts (RFC 4226 §7.3 throttling).
public enum HOTPVerificationResult: Sendable, Hashable {
    /// The code matched `counter`, `skipped` counters past the one expected (codes the token made
    /// but nobody submitted), and the counter now stands past it: the next code expected is `counter + 1`.
    case accepted(counter: UInt64, skipped: Int)
    /// The code matches no counter in the look-ahead window, or is not `digits` decimal digits.
    case invalid
    /// The code matched, but a concurrent verification accepted that counter or a later one first.
    case replayed

    /// Whether the code was accepted.
    public var isAccepted: Bool {
        if case .accepted = self { true } else { false }
    }
}
