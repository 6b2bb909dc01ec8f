/// An error raised by the audit log: refused events, malformed exports and cursors, store failures.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: AuditError.invalidEvent)`. ``reason`` explains the failure and never contains
/// secret material.
public struct AuditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidEvent
            case secretLikeValue
            case invalidCursor
            case invalidQuery
            case malformedExport
            case exportTooLarge
            case checkpointMissing
            case signingFailed
            case recorderFull
            case storeFailure
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// An event field is out of bounds: a kind name that is not dotted lowercase, text over its byte limit or holding a control character, too many metadata entries, a metadata key outside `[a-z0-9_.-]`, or a time outside ±2^53 milliseconds.
        public static let invalidEvent = Code(.invalidEvent)
        /// An event was refused because a field looks like it carries a secret: a metadata key naming one (`password`, `token`, ...) or text in a CRMAuth token, PHC hash, `otpauth:` or PEM format. Nothing was recorded.
        public static let secretLikeValue = Code(.secretLikeValue)
        /// A query cursor was not one this module made.
        public static let invalidCursor = Code(.invalidCursor)
        /// A query or range parameter is out of its allowed range (a page size outside 1...1000, a range that ends before it starts).
        public static let invalidQuery = Code(.invalidQuery)
        /// An export is not in the format of Documentation/AuditLog.md: a bad header, a line that is not one JSON object of the expected shape, an unknown field, a malformed hash or signature.
        public static let malformedExport = Code(.malformedExport)
        /// An export exceeds a parser bound: a line or the whole input is longer than its limit.
        public static let exportTooLarge = Code(.exportTooLarge)
        /// Pruning was asked to cut where no checkpoint anchors the records that remain.
        public static let checkpointMissing = Code(.checkpointMissing)
        /// A checkpoint could not be signed (a failure inside libcrypto).
        public static let signingFailed = Code(.signingFailed)
        /// The recorder's buffer is full and the store could not take a batch; the event was not accepted and the caller must decide (refuse the action or retry).
        public static let recorderFull = Code(.recorderFull)
        /// The store failed; ``AuditError/underlying`` holds its error. Nothing from the failing call was recorded.
        public static let storeFailure = Code(.storeFailure)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .invalidEvent: "invalid event"
            case .secretLikeValue: "secret-like value"
            case .invalidCursor: "invalid cursor"
            case .invalidQuery: "invalid query"
            case .malformedExport: "malformed export"
            case .exportTooLarge: "export too large"
            case .checkpointMissing: "checkpoint missing"
            case .signingFailed: "signing failed"
            case .recorderFull: "recorder full"
            case .storeFailure: "store failure"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains secret material.
    public let reason: String

    /// The error that caused this one (a store's backend error, a failed decoder), kept as it is
    /// so callers and logs can inspect it; `nil` when there was none. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error with a code, a reason and, optionally, the error that caused it.
    ///
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - reason: an explanation for logs and operators, without secret material.
    ///   - underlying: the error that caused this one, if any.
    public init(_ code: Code, _ reason: String = "", underlying: (any Error)? = nil) {
        self.code = code
        self.reason = reason
        self.underlying = underlying
    }

    /// See ``Code/invalidEvent``.
    public static let invalidEvent = AuditError(.invalidEvent)
    /// See ``Code/secretLikeValue``.
    public static let secretLikeValue = AuditError(.secretLikeValue)
    /// See ``Code/invalidCursor``.
    public static let invalidCursor = AuditError(.invalidCursor)
    /// See ``Code/invalidQuery``.
    public static let invalidQuery = AuditError(.invalidQuery)
    /// See ``Code/malformedExport``.
    public static let malformedExport = AuditError(.malformedExport)
    /// See ``Code/exportTooLarge``.
    public static let exportTooLarge = AuditError(.exportTooLarge)
    /// See ``Code/checkpointMissing``.
    public static let checkpointMissing = AuditError(.checkpointMissing)
    /// See ``Code/signingFailed``.
    public static let signingFailed = AuditError(.signingFailed)
    /// See ``Code/recorderFull``.
    public static let recorderFull = AuditError(.recorderFull)
    /// See ``Code/storeFailure``.
    public static let storeFailure = AuditError(.storeFailure)

    /// Compares codes only, so `#expect(throws: AuditError.invalidEvent)` matches any reason.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs; never contains secret material.
    public var description: String {
        reason.isEmpty ? "AuditError(\(code))" : "AuditError(\(code)): \(reason)"
    }
}
