/// An opaque position in query results: pass ``text`` to a client, parse it back with ``init(_:)``.
///
/// A cursor names the sequence number where a page ended; the next page holds older records only,
/// so records appended meanwhile never shift a page.
public struct AuditCursor: Sendable, Hashable, CustomStringConvertible {
    /// Records older than this sequence number come next.
    public let before: UInt64

    /// A cursor continuing below `sequence`.
    ///
    /// - Parameter sequence: the sequence number of the last record on the page.
    public init(before sequence: UInt64) { before = sequence }

    /// Parses a cursor's text.
    ///
    /// - Parameter text: what ``text`` produced.
    /// - Throws: ``AuditError/invalidCursor`` for anything this module did not make.
    public init(_ text: String) throws(AuditError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= 32, bytes.starts(with: Array("ac1.".utf8)),
            let sequence = UInt64(String(decoding: bytes.dropFirst(4), as: UTF8.self)), sequence >= 1,
            String(sequence) == String(decoding: bytes.dropFirst(4), as: UTF8.self)
        else { throw AuditError(.invalidCursor, "not an audit query cursor") }
        before = sequence
    }

    /// The cursor as text: `ac1.` and a sequence number.
    public var text: String { "ac1.\(before)" }

    /// ``text``.
    public var description: String { text }
}
