/// The last record of a chain: its sequence number and hash, what the next record links to.
///
/// An empty chain's head is ``empty``: sequence 0 and the ``AuditHash/genesis`` hash.
public struct AuditChainHead: Sendable, Hashable, CustomStringConvertible {
    /// The last record's sequence number; 0 before the first record.
    public let sequence: UInt64
    /// The last record's hash; ``AuditHash/genesis`` before the first record.
    public let hash: AuditHash

    /// Creates a head.
    ///
    /// - Parameters:
    ///   - sequence: the last record's sequence number.
    ///   - hash: the last record's hash.
    public init(sequence: UInt64, hash: AuditHash) {
        self.sequence = sequence
        self.hash = hash
    }

    /// The head of an empty chain.
    public static let empty = AuditChainHead(sequence: 0, hash: .genesis)

    /// `sequence:hash`.
    public var description: String { "\(sequence):\(hash)" }
}
