import AuthCore
import Foundation
import PasswordHashing
import PasswordPolicy
import Testing

@Suite("Redaction of passwords and password hashes")
struct RedactionTests {
    @Test("regression: a history entry prints no stored hash, in any rendering")
    func historyEntry() {
        let stored = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0123456789abcdefghijklmnopqrstuvwxyzABCDE"
        let entry = PasswordHistoryEntry(storedHash: stored, changedAt: Date(timeIntervalSince1970: 0))
        for value in [entry, [entry]] as [any Sendable] {
            let shown = RedactionAudit.renderings(of: value)
            #expect(!shown.contains("c29tZXNhbHRzb21lc2FsdA"), "\(shown)")
            #expect(!shown.contains("0123456789abcdef"))
        }
    }

    @Test("a normalized password prints nothing of itself, in any rendering")
    func normalized() throws {
        let password = try NormalizedPassword("correct horse battery staple")
        let shown = RedactionAudit.renderings(of: password)
        #expect(RedactionAudit.leaks(of: Array("correct horse battery staple".utf8), in: shown, window: 4) == [])
        #expect(!shown.contains("horse"))
    }
}
