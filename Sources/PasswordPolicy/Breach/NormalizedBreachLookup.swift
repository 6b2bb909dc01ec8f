import PasswordHashing

/// A breached-password source of CRMAuth's own that answers for a password the policy checker has
/// already normalized.
///
/// ``PasswordPolicyChecker`` normalizes the password once; a public ``BreachedPasswordChecker`` gets
/// only the text and must fold it from scratch, which for non-ASCII text means another pass through
/// Foundation's NFKC. The bundled sources adopt this protocol so the checker can skip that pass (and
/// the suspension point: they answer synchronously). Internal, so the public protocol stays as it is.
protocol NormalizedBreachLookup: BreachedPasswordChecker {
    /// The answer ``BreachedPasswordChecker/match(_:)`` gives for `password.revealed`.
    func match(normalized password: NormalizedPassword) throws(PasswordPolicyError) -> BreachedPasswordMatch?
}
