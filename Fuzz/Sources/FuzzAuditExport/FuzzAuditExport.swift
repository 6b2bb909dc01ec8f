import AuditLog
import AuthCore
import FuzzSupport

// Audit exports from outside (an auditor's file, `crm-auth audit verify --file`): parsing is a value
// or a typed error, never a crash, hang or unbounded memory; whatever parses re-encodes to an export
// that parses back to the same records and checkpoints, and verifies without a crash; the same bytes
// as a query cursor are a cursor or `invalidCursor`.

private let verifier = AuditVerifier(
    publicKeys: [try! Ed25519SigningKey(id: "fuzz", seed: [UInt8](repeating: 1, count: 32)).publicKey])

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzAuditExport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).bytes
    do {
        let export = try AuditExport(parsing: bytes)
        let again = try? AuditExport(parsing: export.encoded())
        fuzzCheck(again == export, "a parsed export does not survive re-encoding")
        let report = verifier.verify(records: export.records, checkpoints: export.checkpoints)
        fuzzCheck(report.recordCount == export.records.count, "the report counts other records")
        _ = AuditVerifier.withoutSignatures.verify(records: export.records, checkpoints: export.checkpoints)
    } catch {
        fuzzCheck(error == .malformedExport || error == .exportTooLarge, "an unexpected error code: \(error)")
    }
    let text = FuzzInput(data, size).text
    if let cursor = try? AuditCursor(text) {
        fuzzCheck(cursor.text == text, "a cursor parsed from text that it would not write")
    }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzAuditExport) }
}
