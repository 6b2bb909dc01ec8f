/// An export of the chain as JSON lines, in the versioned format of Documentation/AuditLog.md: a
/// header line, one line per record, one line per checkpoint.
///
/// An auditor verifies it with the public key alone, with ``AuditVerifier``, `crm-auth audit verify`
/// or an independent program (Scripts/audit_verify.py is one).
///
/// ```swift
/// let export = AuditExport(records: records, checkpoints: checkpoints)
/// try Data(export.encoded()).write(to: url)
/// let read = try AuditExport(parsing: Array(Data(contentsOf: url)))
/// let report = AuditVerifier(publicKeys: [publicKey]).verify(records: read.records, checkpoints: read.checkpoints)
/// ```
public struct AuditExport: Sendable, Hashable {
    /// The records, in file order.
    public let records: [AuditRecord]
    /// The checkpoints, in file order.
    public let checkpoints: [AuditCheckpoint]

    /// The format's name in the header line.
    public static let formatName = "crmauth.audit.export"
    /// The format version this module writes and reads.
    public static let formatVersion: Int64 = 1
    /// The longest line the parser reads, in bytes (a record at every field's limit fits 8 times over).
    public static let maximumLineBytes = 256 * 1024

    /// An export of `records` and `checkpoints`.
    ///
    /// - Parameters:
    ///   - records: the records, ascending.
    ///   - checkpoints: the checkpoints, ascending.
    public init(records: [AuditRecord], checkpoints: [AuditCheckpoint]) {
        self.records = records
        self.checkpoints = checkpoints
    }

    /// The export's bytes: the header, the records, then the checkpoints, each line ending in `\n`.
    public func encoded() -> [UInt8] {
        var bytes = Self.headerLine()
        bytes.reserveCapacity(records.count * 400 + checkpoints.count * 300)
        for record in records { Self.append(record, to: &bytes) }
        for checkpoint in checkpoints { Self.append(checkpoint, to: &bytes) }
        return bytes
    }

    /// The header line, with its `\n`.
    public static func headerLine() -> [UInt8] {
        var json = CanonicalJSON(capacity: 64)
        json.beginObject()
        json.key("format")
        json.string(formatName)
        json.key("version")
        json.integer(formatVersion)
        json.endObject()
        return json.bytes + [0x0a]
    }

    /// Appends `record`'s line: `{"hash":…,"record":{canonical encoding},"type":"record"}` and `\n`.
    ///
    /// - Parameters:
    ///   - record: the record.
    ///   - bytes: where the line is appended.
    public static func append(_ record: AuditRecord, to bytes: inout [UInt8]) {
        var json = CanonicalJSON()
        json.beginObject()
        json.key("hash")
        json.hex(record.hash.bytes)
        json.key("record")
        AuditRecord.write(sequence: record.sequence, event: record.event, previousHash: record.previousHash, to: &json)
        json.key("type")
        json.string("record")
        json.endObject()
        json.withBytes { bytes.append(contentsOf: $0) }
        bytes.append(0x0a)
    }

    /// Appends `checkpoint`'s line and `\n`.
    ///
    /// - Parameters:
    ///   - checkpoint: the checkpoint.
    ///   - bytes: where the line is appended.
    public static func append(_ checkpoint: AuditCheckpoint, to bytes: inout [UInt8]) {
        var json = CanonicalJSON(capacity: 320)
        json.beginObject()
        json.key("key_id")
        json.string(checkpoint.keyID)
        json.key("record_hash")
        json.hex(checkpoint.recordHash.bytes)
        json.key("sequence")
        json.integer(checkpoint.sequence)
        json.key("signature")
        json.hex(checkpoint.signature)
        json.key("time")
        json.integer(checkpoint.milliseconds)
        json.key("type")
        json.string("checkpoint")
        json.endObject()
        json.withBytes { bytes.append(contentsOf: $0) }
        bytes.append(0x0a)
    }
}
