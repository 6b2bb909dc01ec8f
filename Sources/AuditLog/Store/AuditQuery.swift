public import AuthCore

public import struct Foundation.Date

/// Which records to find, newest first, one page at a time.
///
/// Every filter that is set must match; `user` matches a record whose actor or subject is the user.
///
/// ```swift
/// var query = AuditQuery(limit: 50)
/// query.user = userID
/// query.kinds = [.loginFailed, .lockoutStarted]
/// let page = try await store.query(query)
/// query.cursor = page.nextCursor   // the next, older page
/// ```
public struct AuditQuery: Sendable, Hashable {
    /// Records whose actor or subject is this user.
    public var user: UserID?
    /// Records in this tenant.
    public var tenant: TenantID?
    /// Records of these kinds; `nil` for any kind.
    public var kinds: Set<AuditEventKind>?
    /// Records with this outcome.
    public var outcome: AuditOutcome?
    /// Records at or after this instant (event time).
    public var since: Date?
    /// Records before this instant (event time).
    public var until: Date?
    /// The most records on one page, 1 to 1,000.
    public var limit: Int
    /// Where the previous page ended; `nil` for the newest page.
    public var cursor: AuditCursor?

    /// A query matching every record, newest first.
    ///
    /// - Parameter limit: the most records on one page, 1 to 1,000.
    public init(limit: Int = 100) { self.limit = limit }

    /// Whether `record` passes every filter (not the cursor).
    ///
    /// - Parameter record: the record to test.
    public func matches(_ record: AuditRecord) -> Bool {
        let event = record.event
        if let user, event.actor != user, event.subject != user { return false }
        if let tenant, event.tenant != tenant { return false }
        if let kinds, !kinds.contains(event.kind) { return false }
        if let outcome, event.outcome != outcome { return false }
        if let since, event.milliseconds < Self.milliseconds(since) { return false }
        if let until, event.milliseconds >= Self.milliseconds(until) { return false }
        return true
    }

    /// Checks the limit.
    ///
    /// - Throws: ``AuditError/invalidQuery`` for a limit outside 1...1000.
    public func validate() throws(AuditError) {
        guard (1...1000).contains(limit) else { throw AuditError(.invalidQuery, "a page holds 1 to 1000 records") }
    }

    /// `date` in whole milliseconds since 1970, as events record it; the database stores filter with it.
    package static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        return Int64(max(min(value, 9.0e15), -9.0e15))
    }
}

/// One page of query results, newest first.
public struct AuditPage: Sendable, Hashable {
    /// The matching records, highest sequence number first.
    public let records: [AuditRecord]
    /// Where the next (older) page starts; `nil` when this is the last page.
    public let nextCursor: AuditCursor?

    /// Creates a page.
    ///
    /// - Parameters:
    ///   - records: the records, newest first.
    ///   - nextCursor: the cursor of the next page, or `nil` on the last page.
    public init(records: [AuditRecord], nextCursor: AuditCursor?) {
        self.records = records
        self.nextCursor = nextCursor
    }
}
