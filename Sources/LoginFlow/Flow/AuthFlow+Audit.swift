package import AuditLog
package import AuthCore
import Logging

extension AuthFlow {
    /// Records one event about the flow, batched off the request path (``flushAudit()`` writes what is
    /// buffered). The event carries the client's address and user agent when a client is given, never
    /// a secret: `AuditEvent` refuses metadata that looks like one.
    ///
    /// Recording failures are logged and counted, never thrown: a full audit buffer must not turn a
    /// correct password into an error page. (The recorder applies back-pressure first: see
    /// `AuditRecorder`.)
    /// - Parameters:
    ///   - kind: what happened.
    ///   - actor: who acted (the user themselves, or an administrator).
    ///   - subject: whom it is about.
    ///   - tenant: the tenant it happened in.
    ///   - client: the client that made the request.
    ///   - outcome: success or failure.
    ///   - reason: the internal reason, a short code (`wrong-password`, `unknown-identifier`).
    ///   - metadata: further fields, never secrets.
    package func audit(
        _ kind: AuditEventKind, actor: UserID? = nil, subject: UserID? = nil, tenant: TenantID? = nil,
        client: ClientContext? = nil, outcome: AuditOutcome = .success, reason: String? = nil,
        metadata: [String: String] = [:]
    ) async {
        do {
            let event = try AuditEvent(
                kind: kind, at: clock.now(), actor: actor, subject: subject, tenant: tenant,
                sourceAddress: client.map { String(describing: $0.address) },
                userAgent: client?.userAgent.map { Self.truncated($0, to: AuditEvent.maximumUserAgentBytes) },
                outcome: outcome, reason: reason, metadata: metadata)
            try await auditRecorder.record(event)
        } catch {
            logger.error(
                "audit event not recorded", metadata: ["kind": "\(kind)", "error": "\(String(describing: error))"])
        }
    }

    /// Writes every buffered audit event to the store and returns when they are stored.
    /// - Throws: `AuditError` from the trail; the events stay buffered.
    public func flushAudit() async throws {
        try await auditRecorder.flush()
    }

    private static func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
        while end > text.startIndex, !text.unicodeScalars.indices.contains(end) { end = text.utf8.index(before: end) }
        return String(text[..<end])
    }
}
