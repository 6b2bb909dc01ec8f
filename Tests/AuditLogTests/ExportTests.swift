import AuditLog
import AuthCore
import Foundation
import Testing

/// Lines for the malformed-export table.
enum ExportSample {
    static let header: String = #"{"format":"crmauth.audit.export","version":1}"#
    static let record: String = String(
        decoding: AuditExport(records: AuditChain.link([Sample.event()], after: .empty), checkpoints: []).encoded()
            .split(separator: 0x0a)[1], as: UTF8.self)
}

@Suite("Export and parse")
struct ExportTests {
    @Test("an export parses back to the same records and checkpoints, and verifies from the export alone")
    func roundTrip() throws {
        let records = AuditChain.link(Sample.events(40), after: .empty)
        let checkpoints = [Sample.checkpoint(records[19]), Sample.checkpoint(records[39])]
        let bytes = AuditExport(records: records, checkpoints: checkpoints).encoded()
        let parsed = try AuditExport(parsing: bytes)
        #expect(parsed.records == records)
        #expect(parsed.checkpoints == checkpoints)
        let report = AuditVerifier(publicKeys: [Sample.key.publicKey]).verify(
            records: parsed.records, checkpoints: parsed.checkpoints)
        #expect(report.isIntact)
        #expect(report.lastPinnedSequence == 40)
        #expect(AuditExport(records: parsed.records, checkpoints: parsed.checkpoints).encoded() == bytes)
    }

    @Test("the header line is documented and first")
    func header() {
        #expect(
            String(decoding: AuditExport.headerLine(), as: UTF8.self)
                == "{\"format\":\"crmauth.audit.export\",\"version\":1}\n")
    }

    @Test(
        "malformed exports are typed errors",
        arguments: [
            "", "\n", "{}", #"{"format":"crmauth.audit.export","version":2}"#, #"{"format":"other","version":1}"#,
            ExportSample.header + "\n\n", ExportSample.header + "\n[]",
            ExportSample.header + "\n" + #"{"type":"record"}"#, ExportSample.header + "\n" + #"{"type":"nope"}"#,
            ExportSample.header + "\n" + ExportSample.record.replacingOccurrences(of: #""v":1"#, with: #""v":1.0"#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""v":1"#, with: #""v":1,"extra":"x""#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""sequence":1"#, with: #""sequence":01"#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""sequence":1"#, with: #""sequence":0"#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""sequence":1"#, with: #""sequence":9007199254740993"#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""kind":"#, with: #""kind":"a","kind":"#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""subject":"user0""#, with: #""subject":"""#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""subject":"user0""#, with: #""subject":"\ud800""#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""subject":"user0""#, with: #""subject":null"#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""outcome":"failure""#, with: #""outcome":"maybe""#),
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""hash":""#, with: #""hash":"A"#),
            ExportSample.header + "\n" + ExportSample.record + "x",
            // Regression (FuzzAuditExport): a malformed kind threw invalidEvent, not malformedExport.
            ExportSample.header + "\n"
                + ExportSample.record.replacingOccurrences(of: #""login.succeeded""#, with: #""mfa.challenge'""#),
        ])
    func malformed(text: String) {
        #expect(throws: AuditError.malformedExport) { try AuditExport(parsing: Array(text.utf8)) }
    }

    @Test("invalid UTF-8 and oversized input are typed errors")
    func bounds() {
        let bad =
            Array((ExportSample.header + "\n").utf8) + Array(ExportSample.record.utf8.prefix(20)) + [0xff]
            + Array(ExportSample.record.utf8.dropFirst(20))
        #expect(throws: AuditError.malformedExport) { try AuditExport(parsing: bad) }
        let long =
            Array((ExportSample.header + "\n").utf8) + [UInt8](repeating: 0x20, count: AuditExport.maximumLineBytes + 1)
        #expect(throws: AuditError.exportTooLarge) { try AuditExport(parsing: long) }
        #expect(throws: AuditError.exportTooLarge) {
            try AuditExport(parsing: Array((ExportSample.header + "\n" + ExportSample.record).utf8), maximumBytes: 100)
        }
    }

    @Test("a tampered export still parses; the verifier names the problem")
    func tamperedParses() throws {
        let records = AuditChain.link(Sample.events(3), after: .empty)
        var text = String(decoding: AuditExport(records: records, checkpoints: []).encoded(), as: UTF8.self)
        text = text.replacingOccurrences(of: #""attempt":"1""#, with: #""attempt":"7""#)
        let parsed = try AuditExport(parsing: Array(text.utf8))
        #expect(
            AuditVerifier.withoutSignatures.verify(records: parsed.records, checkpoints: []).problems == [
                AuditProblem(.recordAltered, at: 2)
            ])
    }
}
