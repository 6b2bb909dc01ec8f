/// The outcome of checking a TOTP code (RFC 6238 §5.2).
///
/// The login flow counts ``invalid`` and ``replayed`` as failed attempts (lockout lives in another
/// module; this value is what it counts).
public enum TOTPVerificationResult: Sendable, Hashable {
    /// The code matched `step`, `drift` steps away from the verifier's current step (negative: the
    /// client's clock is behind), and the step was recorded as used.
    case accepted(step: Int64, drift: Int)
    /// The code matches no step in the window, or is not `digits` decimal digits.
    case invalid
    /// The code matched a step that was already used, or is older than one already used
    /// (RFC 6238 §5.2: a code is accepted once).
    case replayed

    /// Whether the code was accepted.
    public var isAccepted: Bool {
        if case .accepted = self { true } else { false }
    }
}
