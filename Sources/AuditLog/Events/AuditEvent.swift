public import AuthCore

public import struct Foundation.Date

/// One security event: what happened, when, to whom, by whom, from where, and how it ended.
///
/// An event holds no secret, by construction: every field is an identifier, a kind, an outcome or
/// short plain text that the caller builds, and ``init(kind:at:actor:subject:tenant:sourceAddress:userAgent:outcome:reason:metadata:)``
/// refuses text that looks like a credential (see <doc:AuditLog-Guide>). Pass reasons as stable
/// codes (`wrong_password`), never the input that was wrong.
///
/// ```swift
/// let event = try AuditEvent(
///     kind: .loginFailed, at: clock.now, subject: userID, tenant: tenant,
///     sourceAddress: "203.0.113.7", outcome: .failure, reason: "wrong_password")
/// ```
public struct AuditEvent: Sendable, Hashable {
    /// What happened.
    public let kind: AuditEventKind
    /// When it happened, in whole milliseconds since 1970 (the chain records milliseconds).
    public let milliseconds: Int64
    /// Who acted, when it was a signed-in user (an administrator granting a role); `nil` for the
    /// system or an anonymous caller.
    public let actor: UserID?
    /// The user the event is about (who signed in, whose role changed).
    public let subject: UserID?
    /// The tenant the event happened in.
    public let tenant: TenantID?
    /// The client's network address as the server saw it, at most 64 bytes.
    public let sourceAddress: String?
    /// The client's user agent, at most 512 bytes.
    public let userAgent: String?
    /// Whether the action succeeded.
    public let outcome: AuditOutcome
    /// The internal reason, for operators (`wrong_password`, `locked`), at most 128 bytes.
    public let reason: String?
    /// Free metadata: at most 32 entries, keys of 1 to 64 bytes of `[a-z0-9_.-]`, values of at most
    /// 1024 bytes.
    public let metadata: [String: String]

    /// When it happened.
    public var time: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// Creates an event, refusing out-of-bounds fields and anything that looks like a secret.
    ///
    /// - Parameters:
    ///   - kind: what happened.
    ///   - time: when; kept to the nearest millisecond.
    ///   - actor: who acted, if a user did.
    ///   - subject: the user the event is about.
    ///   - tenant: the tenant it happened in.
    ///   - sourceAddress: the client's address, at most 64 bytes.
    ///   - userAgent: the client's user agent, at most 512 bytes.
    ///   - outcome: whether the action succeeded.
    ///   - reason: the internal reason as a short code, at most 128 bytes.
    ///   - metadata: free key-value pairs (bounds on ``metadata``).
    /// - Throws: ``AuditError/invalidEvent`` for a field out of bounds; ``AuditError/secretLikeValue``
    ///   for a metadata key that names a secret or text in a credential's format.
    public init(
        kind: AuditEventKind, at time: Date, actor: UserID? = nil, subject: UserID? = nil, tenant: TenantID? = nil,
        sourceAddress: String? = nil, userAgent: String? = nil, outcome: AuditOutcome = .success,
        reason: String? = nil, metadata: [String: String] = [:]
    ) throws(AuditError) {
        let milliseconds = (time.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.magnitude <= Double(AuditEvent.maximumMilliseconds) else {
            throw AuditError(.invalidEvent, "the time is outside ±2^53 milliseconds from 1970")
        }
        try self.init(
            validating: kind, milliseconds: Int64(milliseconds), actor: actor, subject: subject, tenant: tenant,
            sourceAddress: sourceAddress, userAgent: userAgent, outcome: outcome, reason: reason, metadata: metadata)
        try refuseSecretLikeValues()
    }

    /// Checks the structural bounds only: the parser of exports and the database stores use it, so an
    /// export or a stored record verifies with exactly the event that was written (to the millisecond,
    /// and without the secret heuristics re-judging it).
    package init(
        validating kind: AuditEventKind, milliseconds: Int64, actor: UserID?, subject: UserID?, tenant: TenantID?,
        sourceAddress: String?, userAgent: String?, outcome: AuditOutcome, reason: String?,
        metadata: [String: String]
    ) throws(AuditError) {
        guard milliseconds.magnitude <= AuditEvent.maximumMilliseconds else {
            throw AuditError(.invalidEvent, "the time is outside ±2^53 milliseconds from 1970")
        }
        try Self.check(sourceAddress, "source address", limit: Self.maximumSourceAddressBytes)
        try Self.check(userAgent, "user agent", limit: Self.maximumUserAgentBytes)
        try Self.check(reason, "reason", limit: Self.maximumReasonBytes)
        guard metadata.count <= Self.maximumMetadataEntries else {
            throw AuditError(.invalidEvent, "at most \(Self.maximumMetadataEntries) metadata entries")
        }
        for (key, value) in metadata {
            guard Self.isValidMetadataKey(key) else {
                throw AuditError(.invalidEvent, "a metadata key is 1 to 64 bytes of [a-z0-9_.-]")
            }
            try Self.check(value, "metadata value", limit: Self.maximumMetadataValueBytes)
        }
        self.kind = kind
        self.milliseconds = milliseconds
        self.actor = actor
        self.subject = subject
        self.tenant = tenant
        self.sourceAddress = sourceAddress
        self.userAgent = userAgent
        self.outcome = outcome
        self.reason = reason
        self.metadata = metadata
    }
}

extension AuditEvent {
    /// The largest time magnitude, 2^53 milliseconds: every value is exact in any JSON reader.
    public static let maximumMilliseconds: UInt64 = 1 << 53
    /// The longest source address, in UTF-8 bytes.
    public static let maximumSourceAddressBytes = 64
    /// The longest user agent, in UTF-8 bytes.
    public static let maximumUserAgentBytes = 512
    /// The longest reason, in UTF-8 bytes.
    public static let maximumReasonBytes = 128
    /// The most metadata entries.
    public static let maximumMetadataEntries = 32
    /// The longest metadata value, in UTF-8 bytes.
    public static let maximumMetadataValueBytes = 1024

    static func check(_ text: String?, _ what: String, limit: Int) throws(AuditError) {
        guard let text else { return }
        guard text.utf8.count <= limit else { throw AuditError(.invalidEvent, "the \(what) is over \(limit) bytes") }
        // No control character (Unicode Cc, as identifiers): text stays one line in every log and export.
        guard !containsControlCharacter(text) else {
            throw AuditError(.invalidEvent, "the \(what) holds a control character")
        }
    }

    /// Whether `text` holds a Cc character: a byte below 0x20, 0x7F, or U+0080–U+009F (0xC2 0x80–0x9F).
    static func containsControlCharacter(_ text: String) -> Bool {
        var afterC2 = false
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7f || (afterC2 && (0x80...0x9f).contains(byte)) { return true }
            afterC2 = byte == 0xc2
        }
        return false
    }

    static func isValidMetadataKey(_ key: String) -> Bool {
        (1...64).contains(key.utf8.count)
            && key.utf8.allSatisfy {
                (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5f || $0 == 0x2e || $0 == 0x2d
            }
    }
}
