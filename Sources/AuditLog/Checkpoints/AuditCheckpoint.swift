public import AuthCore

public import struct Foundation.Date

/// A signed statement "record `sequence` of this chain has hash `recordHash`", made at `milliseconds`
/// under the Ed25519 key `keyID`.
///
/// Someone who can write to the store can rewrite records and recompute every hash after them, but
/// cannot sign: a checkpoint pins the chain up to its record, and any rewrite before it shows as a
/// mismatch. A checkpoint past the last record shows a truncated tail. The signed bytes are
/// ``signedMessage`` (Documentation/AuditLog.md, "Checkpoints").
///
/// ```swift
/// let checkpoint = try AuditCheckpoint(signing: record.head, at: clock.now, with: signingKey)
/// ```
public struct AuditCheckpoint: Sendable, Hashable {
    /// The sequence number of the record it pins (at least 1).
    public let sequence: UInt64
    /// That record's hash.
    public let recordHash: AuditHash
    /// When it was made, in milliseconds since 1970.
    public let milliseconds: Int64
    /// The id of the signing key.
    public let keyID: String
    /// The 64-byte Ed25519 signature of ``signedMessage``.
    public let signature: [UInt8]

    /// A checkpoint as read back from storage or an export; ``AuditVerifier`` decides whether it holds.
    ///
    /// - Parameters:
    ///   - sequence: the pinned record's sequence number.
    ///   - recordHash: the pinned record's hash.
    ///   - milliseconds: when it was made.
    ///   - keyID: the signing key's id.
    ///   - signature: the signature bytes.
    public init(sequence: UInt64, recordHash: AuditHash, milliseconds: Int64, keyID: String, signature: [UInt8]) {
        self.sequence = sequence
        self.recordHash = recordHash
        self.milliseconds = milliseconds
        self.keyID = keyID
        self.signature = signature
    }

    /// Signs a checkpoint of `head`.
    ///
    /// - Parameters:
    ///   - head: the record to pin (its sequence number and hash); not the empty head.
    ///   - time: when the checkpoint is made; kept to the millisecond.
    ///   - key: the signing key; its id is recorded.
    /// - Throws: ``AuditError/invalidQuery`` for the empty head or a time outside ±2^53 ms;
    ///   ``AuditError/signingFailed`` if libcrypto fails.
    public init(signing head: AuditChainHead, at time: Date, with key: Ed25519SigningKey) throws(AuditError) {
        guard head.sequence >= 1 else {
            throw AuditError(.invalidQuery, "a checkpoint pins a record, not the empty chain")
        }
        let milliseconds = (time.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.magnitude <= Double(AuditEvent.maximumMilliseconds) else {
            throw AuditError(.invalidQuery, "the time is outside ±2^53 milliseconds from 1970")
        }
        let message = Self.message(
            sequence: head.sequence, recordHash: head.hash, milliseconds: Int64(milliseconds), keyID: key.id)
        do {
            signature = try key.signature(for: message)
        } catch {
            throw AuditError(.signingFailed, error.reason, underlying: error)
        }
        sequence = head.sequence
        recordHash = head.hash
        self.milliseconds = Int64(milliseconds)
        keyID = key.id
    }

    /// The pinned record as a head.
    public var head: AuditChainHead { AuditChainHead(sequence: sequence, hash: recordHash) }

    /// When it was made.
    public var time: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// The bytes the signature covers: the canonical JSON object
    /// `{"key_id":…,"record_hash":…,"sequence":…,"time":…,"type":"crmauth.audit.checkpoint","v":1}`.
    public var signedMessage: [UInt8] {
        Self.message(sequence: sequence, recordHash: recordHash, milliseconds: milliseconds, keyID: keyID)
    }

    static func message(sequence: UInt64, recordHash: AuditHash, milliseconds: Int64, keyID: String) -> [UInt8] {
        var json = CanonicalJSON(capacity: 192)
        json.beginObject()
        json.key("key_id")
        json.string(keyID)
        json.key("record_hash")
        json.hex(recordHash.bytes)
        json.key("sequence")
        json.integer(sequence)
        json.key("time")
        json.integer(milliseconds)
        json.key("type")
        json.string("crmauth.audit.checkpoint")
        json.key("v")
        json.integer(UInt64(AuditRecord.encodingVersion))
        json.endObject()
        return json.bytes
    }

    /// Whether the signature is valid under `key` (which must carry the checkpoint's key id).
    ///
    /// - Parameter key: the public key of the id the checkpoint names.
    public func isSigned(by key: Ed25519PublicKey) -> Bool {
        key.id == keyID && key.isValidSignature(signature, for: signedMessage)
    }
}
