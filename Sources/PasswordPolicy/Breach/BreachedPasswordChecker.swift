public import PasswordHashing

/// A source of known breached or commonly used passwords.
///
/// The policy asks it about every candidate password (NIST SP 800-63B rev. 4 §3.1.1.2: verifiers
/// compare prospective secrets against a blocklist of values known to be commonly used, expected or
/// compromised). CRMAuth ships a bundled list of the 100,000 most common breached passwords and a
/// file-backed list; an app can plug in its own source, including a remote one such as a
/// k-anonymity range service, since the requirement is `async`.
///
/// Contract for conformers:
/// - `password` is a `NormalizedPassword` (PasswordHashing): read its NFKC text (`revealed`), and nothing else has been
///   done to it; a conformer that matches
///   case-insensitively folds case itself. When the password is not found and holds look-alike or
///   accented characters, the policy asks a second time with its skeleton (accents stripped,
///   look-alikes read as ASCII: "pаssword" with a Cyrillic "а" as "password"), so a source holding
///   plain words catches their disguises.
/// - Return `nil` when the password is not known to the source, a ``BreachedPasswordMatch`` when it is.
/// - Throw ``PasswordPolicyError/breachCheckUnavailable`` (or another ``PasswordPolicyError``) when
///   the source cannot answer. The policy then reports the failure rather than passing the password.
/// - Never log or keep the password.
public protocol BreachedPasswordChecker: Sendable {
    /// Looks `password` (its NFKC text, `password.revealed`) up in the source.
    func match(_ password: NormalizedPassword) async throws -> BreachedPasswordMatch?
}
