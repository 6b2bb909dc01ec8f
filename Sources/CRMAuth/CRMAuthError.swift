/// An error raised by the umbrella module itself: today, a deployment key file that cannot be used.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: CRMAuthError.keyFileMalformed)`. ``reason`` names the file and the line at fault and
/// never contains key material.
public struct CRMAuthError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case keyFileUnusable
            case keyFileMalformed
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The key file is missing, can be read by others, is not text, or cannot be created or written.
        public static let keyFileUnusable = Code(.keyFileUnusable)
        /// The key file's text is not a key file: a line is unknown, repeated or malformed, or a key is
        /// missing.
        public static let keyFileMalformed = Code(.keyFileMalformed)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .keyFileUnusable: "key file unusable"
            case .keyFileMalformed: "key file malformed"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains key material.
    public let reason: String

    /// Creates an error with a code and a reason.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - reason: an explanation for logs, without secrets.
    public init(_ code: Code, _ reason: String = "") {
        self.code = code
        self.reason = reason
    }

    /// See ``Code/keyFileUnusable``.
    public static let keyFileUnusable = CRMAuthError(.keyFileUnusable)
    /// See ``Code/keyFileMalformed``.
    public static let keyFileMalformed = CRMAuthError(.keyFileMalformed)

    /// Compares codes only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs.
    public var description: String {
        reason.isEmpty ? "CRMAuthError(\(code))" : "CRMAuthError(\(code)): \(reason)"
    }
}
