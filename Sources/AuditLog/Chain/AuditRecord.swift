import AuthCore

/// An event as the chain holds it: numbered, linked to its predecessor's hash, and hashed.
///
/// ``hash`` is the SHA-256 of ``canonicalEncoding``, which covers the sequence number, the
/// predecessor's hash and every field of the event (Documentation/AuditLog.md, "Records").
/// Records are made by ``AuditChain/link(_:after:)`` only; a store keeps them as they are.
public struct AuditRecord: Sendable, Hashable {
    /// The position in the chain, from 1, without gaps.
    public let sequence: UInt64
    /// The event.
    public let event: AuditEvent
    /// The hash of the record before this one; ``AuditHash/genesis`` for record 1.
    public let previousHash: AuditHash
    /// The hash of this record's canonical encoding, as stored (a verifier recomputes it).
    public let hash: AuditHash

    /// A record as read back from storage or an export, with its stored hash; the verifier decides
    /// whether the hash is right.
    ///
    /// - Parameters:
    ///   - sequence: the record's position.
    ///   - event: the event.
    ///   - previousHash: the predecessor's hash as stored.
    ///   - hash: the record's hash as stored.
    public init(sequence: UInt64, event: AuditEvent, previousHash: AuditHash, hash: AuditHash) {
        self.sequence = sequence
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The record's canonical encoding, the bytes its hash covers.
    public var canonicalEncoding: [UInt8] {
        AuditRecord.canonicalEncoding(sequence: sequence, event: event, previousHash: previousHash)
    }

    /// The hash the record's content has, whatever ``hash`` says.
    public var computedHash: AuditHash { AuditHash.of(canonicalEncoding) }

    /// The head this record makes when it is the last one.
    public var head: AuditChainHead { AuditChainHead(sequence: sequence, hash: hash) }

    /// Writes the canonical encoding (Documentation/AuditLog.md): the keys in byte order, optional
    /// fields left out when absent, metadata always present.
    static func canonicalEncoding(sequence: UInt64, event: AuditEvent, previousHash: AuditHash) -> [UInt8] {
        var json = CanonicalJSON()
        write(sequence: sequence, event: event, previousHash: previousHash, to: &json)
        return json.bytes
    }

    static func write(sequence: UInt64, event: AuditEvent, previousHash: AuditHash, to json: inout CanonicalJSON) {
        json.beginObject()
        if let actor = event.actor {
            json.key("actor")
            json.string(actor.rawValue)
        }
        json.key("kind")
        json.string(event.kind.name)
        json.key("metadata")
        json.beginObject()
        // Keys are ASCII (validated), where String's `<` is byte order.
        if event.metadata.count == 1, let (key, value) = event.metadata.first {
            json.key(key)
            json.string(value)
        } else if event.metadata.count == 2 {
            // Two entries, the common case, in order without sorting into a temporary array.
            var entries = event.metadata.makeIterator()
            if let first = entries.next(), let second = entries.next() {
                let (low, high) = first.key < second.key ? (first, second) : (second, first)
                json.key(low.key)
                json.string(low.value)
                json.key(high.key)
                json.string(high.value)
            }
        } else if !event.metadata.isEmpty {
            for (key, value) in event.metadata.sorted(by: { $0.key < $1.key }) {
                json.key(key)
                json.string(value)
            }
        }
        json.endObject()
        json.key("outcome")
        json.string(event.outcome.rawValue)
        json.key("previous")
        json.hex(previousHash.bytes)
        if let reason = event.reason {
            json.key("reason")
            json.string(reason)
        }
        json.key("sequence")
        json.integer(sequence)
        if let source = event.sourceAddress {
            json.key("source")
            json.string(source)
        }
        if let subject = event.subject {
            json.key("subject")
            json.string(subject.rawValue)
        }
        if let tenant = event.tenant {
            json.key("tenant")
            json.string(tenant.rawValue)
        }
        json.key("time")
        json.integer(event.milliseconds)
        if let userAgent = event.userAgent {
            json.key("user_agent")
            json.string(userAgent)
        }
        json.key("v")
        json.integer(UInt64(AuditRecord.encodingVersion))
        json.endObject()
    }

    /// The version of the canonical encoding, written as `"v"` in every record.
    public static let encodingVersion = 1
}
