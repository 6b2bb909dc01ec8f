/// The bcrypt identifiers this library hashes and verifies.
///
/// All three compute the same checksum for the same password, salt and cost: the letters record which
/// implementation flaw the producing software had fixed, not a different algorithm. `$2a$` was OpenBSD's
/// 1999 identifier (whose 8-bit length counter wrapped around for passwords of 255 bytes or more),
/// `$2y$` is crypt_blowfish's mark for hashes made without its sign-extension bug (the buggy ones are
/// `$2x$`, which this library does not accept), and `$2b$` is OpenBSD's 2014 identifier after capping the
/// key at 72 bytes. This library always follows the `$2b$` rule, so a `$2a$` hash of a password of
/// 255 bytes or more made by an unfixed OpenBSD will not verify; such hashes are vanishingly rare.
///
/// crypt_blowfish 1.1 and later also add a countermeasure to `$2a$` for a few passwords with 8-bit
/// characters (so `$2x$`-era collisions cannot verify); like OpenBSD, pyca/bcrypt and Go's
/// `x/crypto/bcrypt`, this library does not reproduce it.
///
/// ```swift
/// let hash = try BcryptHash(parsing: stored)
/// if hash.variant != .b { /* schedule a rehash to $2b$ on next login */ }
/// ```
public enum BcryptVariant: String, Sendable, Hashable, CaseIterable {
    /// `$2a$`: OpenBSD's original identifier, also written by many older libraries.
    case a = "2a"
    /// `$2b$`: OpenBSD's current identifier; what new hashes should use.
    case b = "2b"
    /// `$2y$`: crypt_blowfish's (PHP's) identifier for correctly computed hashes.
    case y = "2y"
}
