/// A parsed stored password hash that can verify a candidate password.
///
/// Parsing never does expensive work; ``enforce(_:)`` checks the hash's parameters against the
/// configured ceilings, and the hasher compares ``work`` with its work budget, before
/// ``verify(_:workspace:)`` spends it.
package protocol StoredHash: Sendable {
    /// The algorithm and parameters the hash was made with, for upgrade decisions.
    var algorithm: PasswordAlgorithm { get }
    /// The estimated cost of one verification. Defaults to the cost of ``algorithm``.
    var work: HashingWork { get }
    /// Whether the layout itself is outdated, so a matching password should be rehashed even when the
    /// algorithm and cost equal the policy's (passlib `bcrypt_sha256` v1, Django `bcrypt_sha256`).
    /// Defaults to false.
    var usesOutdatedLayout: Bool { get }
    /// Throws ``PasswordHashingError/exceedsLimits`` if verifying would cost more than `limits` allow.
    func enforce(_ limits: HashingLimits) throws(PasswordHashingError)
    /// Whether `password` matches, compared in constant time.
    func verify(_ password: [UInt8], workspace: HashingWorkspace) throws(PasswordHashingError) -> Bool
}

extension StoredHash {
    package var work: HashingWork { .of(algorithm) }
    package var usesOutdatedLayout: Bool { false }
}
