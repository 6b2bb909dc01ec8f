import AuditLog
import AuthCore
import Testing

import struct Foundation.Date

@Suite("The canonical encoding")
struct CanonicalEncodingTests {
    @Test("a record's bytes are exactly the documented form")
    func golden() throws {
        let event = try AuditEvent(
            kind: .loginFailed, at: Date(timeIntervalSince1970: 1_700_000_000.123), subject: "ada", tenant: "acme",
            sourceAddress: "203.0.113.7", userAgent: "UA \"x\" \\ ü", outcome: .failure, reason: "wrong_password",
            metadata: ["z": "1", "a.b": "2"])
        let record = AuditChain.link([event], after: .empty)[0]
        let expected =
            #"{"kind":"login.failed","metadata":{"a.b":"2","z":"1"},"outcome":"failure","#
            + #""previous":"0000000000000000000000000000000000000000000000000000000000000000","#
            + #""reason":"wrong_password","sequence":1,"source":"203.0.113.7","subject":"ada","tenant":"acme","#
            + #""time":1700000000123,"user_agent":"UA \"x\" \\ ü","v":1}"#
        #expect(String(decoding: record.canonicalEncoding, as: UTF8.self) == expected)
        #expect(record.hash == record.computedHash)
        #expect(record.hash.bytes == HashFunction.sha256.digest(Array(expected.utf8)))
    }

    @Test("times are whole milliseconds, negative ones too, and round-trip exactly")
    func times() throws {
        for seconds in [0.0, -1.5, 1_700_000_000.001, 1_700_000_000.999, 253_402_300_799.999] {
            let event = try AuditEvent(kind: .userCreated, at: Date(timeIntervalSince1970: seconds))
            let again = try AuditEvent(kind: .userCreated, at: event.time)
            #expect(again.milliseconds == event.milliseconds)
            #expect(event.milliseconds == Int64((seconds * 1000).rounded()))
        }
        #expect(throws: AuditError.invalidEvent) {
            try AuditEvent(kind: .userCreated, at: Date(timeIntervalSince1970: 1e13))
        }
    }

    @Test("the chain numbers from 1 and links each record to its predecessor")
    func linking() {
        let records = AuditChain.link(Sample.events(5), after: .empty)
        #expect(records.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(records[0].previousHash == .genesis)
        for index in 1..<5 { #expect(records[index].previousHash == records[index - 1].hash) }
        let more = AuditChain.link(Sample.events(2), after: records[4].head)
        #expect(more.map(\.sequence) == [6, 7])
        #expect(more[0].previousHash == records[4].hash)
    }

    @Test("a checkpoint signs the documented message")
    func checkpointMessage() throws {
        let record = AuditChain.link([Sample.event()], after: .empty)[0]
        let checkpoint = Sample.checkpoint(record)
        let expected =
            #"{"key_id":"audit-test","record_hash":"\#(record.hash.hex)","sequence":1,"time":1700003600000,"#
            + #""type":"crmauth.audit.checkpoint","v":1}"#
        #expect(String(decoding: checkpoint.signedMessage, as: UTF8.self) == expected)
        #expect(checkpoint.isSigned(by: Sample.key.publicKey))
        #expect(Sample.key.publicKey.isValidSignature(checkpoint.signature, for: Array(expected.utf8)))
    }
}
