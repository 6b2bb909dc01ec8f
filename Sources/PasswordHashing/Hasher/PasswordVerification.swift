/// The outcome of checking a password against a stored hash.
public struct PasswordVerification: Sendable, Hashable {
    /// Whether the password matched.
    public let matches: Bool
    /// Whether the stored hash should be replaced by a new hash of the same password (made with the
    /// current algorithm, parameters and pepper). Only ever true when ``matches`` is.
    public let needsRehash: Bool
    /// The algorithm and parameters of the stored hash.
    public let algorithm: PasswordAlgorithm

    /// Creates an outcome.
    public init(matches: Bool, needsRehash: Bool, algorithm: PasswordAlgorithm) {
        self.matches = matches
        self.needsRehash = matches && needsRehash
        self.algorithm = algorithm
    }
}
