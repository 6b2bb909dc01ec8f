/// A parsed stored password hash that can verify a candidate password.
///
/// Parsing never does expensive work; ``enforce(_:)`` checks the hash's cost against the configured
/// ceilings before ``verify(_:workspace:)`` spends it.
package protocol StoredHash: Sendable {
    /// The algorithm and parameters the hash was made with, for upgrade decisions.
    var algorithm: PasswordAlgorithm { get }
    /// Throws ``PasswordHashingError/exceedsLimits`` if verifying would cost more than `limits` allow.
    func enforce(_ limits: HashingLimits) throws(PasswordHashingError)
    /// Whether `password` matches, compared in constant time.
    func verify(_ password: [UInt8], workspace: HashingWorkspace) throws(PasswordHashingError) -> Bool
}
