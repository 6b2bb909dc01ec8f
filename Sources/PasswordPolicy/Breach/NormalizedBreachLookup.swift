import PasswordHashing

/// A breached-password source of CRMAuth's own that answers synchronously.
///
/// The bundled sources adopt this protocol so the checker can skip the suspension point of
/// ``BreachedPasswordChecker/match(_:)``. Internal, so the public protocol stays as it is.
protocol NormalizedBreachLookup: BreachedPasswordChecker {
    /// The answer ``BreachedPasswordChecker/match(_:)`` gives for `password`.
    func match(normalized password: NormalizedPassword) throws(PasswordPolicyError) -> BreachedPasswordMatch?
}
