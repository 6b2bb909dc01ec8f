import AuthCore

extension AuditExport {
    /// Parses an export (Documentation/AuditLog.md, "Export"); the verifier then judges its content.
    ///
    /// Parsing checks the form only: every line well formed, every field within its bounds. It
    /// does not check hashes, links or signatures, so a tampered export parses and verifies with
    /// problems, while an unreadable one is an error.
    ///
    /// - Parameters:
    ///   - bytes: the export's bytes.
    ///   - maximumBytes: the longest input accepted (default 2 GiB).
    /// - Throws: ``AuditError/exportTooLarge`` past a size bound; ``AuditError/malformedExport`` for
    ///   anything else unreadable, naming the line.
    public init(parsing bytes: [UInt8], maximumBytes: Int = 1 << 31) throws(AuditError) {
        guard bytes.count <= maximumBytes else {
            throw AuditError(.exportTooLarge, "the export is over \(maximumBytes) bytes")
        }
        var records: [AuditRecord] = []
        var checkpoints: [AuditCheckpoint] = []
        var lineNumber = 0
        var start = bytes.startIndex
        var sawHeader = false
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x0a) ?? bytes.endIndex
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            guard line.count <= Self.maximumLineBytes else {
                throw AuditError(.exportTooLarge, "line \(lineNumber) is over \(Self.maximumLineBytes) bytes")
            }
            do throws(AuditError) {
                let object = try StrictJSON.parse(line)
                if !sawHeader {
                    try Self.checkHeader(object)
                    sawHeader = true
                    continue
                }
                switch object["type"] {
                case .string("record"): records.append(try Self.record(from: object))
                case .string("checkpoint"): checkpoints.append(try Self.checkpoint(from: object))
                default: throw AuditError(.malformedExport, "the type is neither record nor checkpoint")
                }
            } catch {
                throw AuditError(error.code, "line \(lineNumber): \(error.reason)", underlying: error.underlying)
            }
        }
        guard sawHeader else { throw AuditError(.malformedExport, "the export is empty: no header line") }
        self.init(records: records, checkpoints: checkpoints)
    }

    static func checkHeader(_ object: [String: StrictJSON]) throws(AuditError) {
        guard object.count == 2, object["format"] == .string(formatName) else {
            throw AuditError(.malformedExport, "the first line is not a \(formatName) header")
        }
        guard object["version"] == .integer(formatVersion) else {
            throw AuditError(.malformedExport, "unsupported export version (this reader knows \(formatVersion))")
        }
    }

    static func record(from line: [String: StrictJSON]) throws(AuditError) -> AuditRecord {
        var line = Fields(line)
        _ = try line.string("type")
        let hash = try AuditHash(hex: line.string("hash"))
        var fields = Fields(try line.object("record"))
        try line.finish()
        guard try fields.integer("v") == Int64(AuditRecord.encodingVersion) else {
            throw AuditError(.malformedExport, "unsupported record version")
        }
        let sequence = try fields.integer("sequence")
        guard sequence >= 1 else { throw AuditError(.malformedExport, "a sequence number is at least 1") }
        let kind: AuditEventKind
        do {
            kind = try AuditEventKind(fields.string("kind"))
        } catch {
            // A bad kind in an export is a malformed export, as every other field (found by FuzzAuditExport).
            throw AuditError(.malformedExport, error.reason)
        }
        guard let outcome = AuditOutcome(rawValue: try fields.string("outcome")) else {
            throw AuditError(.malformedExport, "the outcome is success or failure")
        }
        let previous = try AuditHash(hex: fields.string("previous"))
        var metadata: [String: String] = [:]
        for (key, value) in try fields.object("metadata") {
            guard case .string(let text) = value else {
                throw AuditError(.malformedExport, "metadata values are strings")
            }
            metadata[key] = text
        }
        do {
            let event = try AuditEvent(
                validating: kind, milliseconds: fields.integer("time"),
                actor: fields.optionalString("actor").map(UserID.init),
                subject: fields.optionalString("subject").map(UserID.init),
                tenant: fields.optionalString("tenant").map(TenantID.init),
                sourceAddress: fields.optionalString("source"),
                userAgent: fields.optionalString("user_agent"), outcome: outcome,
                reason: fields.optionalString("reason"),
                metadata: metadata)
            try fields.finish()
            return AuditRecord(sequence: UInt64(sequence), event: event, previousHash: previous, hash: hash)
        } catch let error as AuditError {
            throw AuditError(.malformedExport, error.reason)
        } catch {
            throw AuditError(.malformedExport, "an invalid identifier", underlying: error)
        }
    }

    static func checkpoint(from line: [String: StrictJSON]) throws(AuditError) -> AuditCheckpoint {
        var fields = Fields(line)
        _ = try fields.string("type")
        let keyID = try fields.string("key_id")
        guard (1...64).contains(keyID.utf8.count), keyID.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw AuditError(.malformedExport, "a key id is 1 to 64 printable ASCII characters")
        }
        let hash = try AuditHash(hex: fields.string("record_hash"))
        let sequence = try fields.integer("sequence")
        guard sequence >= 1 else { throw AuditError(.malformedExport, "a sequence number is at least 1") }
        guard let signature = HexText.decode(try fields.string("signature"), count: 64) else {
            throw AuditError(.malformedExport, "a signature is 128 lowercase hex digits")
        }
        let time = try fields.integer("time")
        try fields.finish()
        return AuditCheckpoint(
            sequence: UInt64(sequence), recordHash: hash, milliseconds: time, keyID: keyID, signature: signature)
    }

    /// Takes the fields of one object; ``finish()`` refuses any left over (unknown fields).
    struct Fields {
        private var remaining: [String: StrictJSON]
        init(_ object: [String: StrictJSON]) { remaining = object }

        mutating func string(_ key: String) throws(AuditError) -> String {
            guard case .string(let text) = remaining.removeValue(forKey: key) else {
                throw AuditError(.malformedExport, "\(key) is missing or not a string")
            }
            return text
        }

        mutating func optionalString(_ key: String) throws(AuditError) -> String? {
            guard let value = remaining.removeValue(forKey: key) else { return nil }
            guard case .string(let text) = value else { throw AuditError(.malformedExport, "\(key) is not a string") }
            return text
        }

        mutating func integer(_ key: String) throws(AuditError) -> Int64 {
            guard case .integer(let number) = remaining.removeValue(forKey: key) else {
                throw AuditError(.malformedExport, "\(key) is missing or not an integer")
            }
            return number
        }

        mutating func object(_ key: String) throws(AuditError) -> [String: StrictJSON] {
            guard case .object(let object) = remaining.removeValue(forKey: key) else {
                throw AuditError(.malformedExport, "\(key) is missing or not an object")
            }
            return object
        }

        func finish() throws(AuditError) {
            if let key = remaining.keys.sorted().first { throw AuditError(.malformedExport, "an unknown field \(key)") }
        }
    }
}
