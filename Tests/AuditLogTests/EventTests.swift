import AuditLog
import AuthCore
import Testing

import struct Foundation.Date

@Suite("Audit events")
struct EventTests {
    @Test("built-in kinds have distinct, valid dotted names")
    func kinds() throws {
        let names = AuditEventKind.builtIn.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.count == 23)
        for name in names { #expect(try AuditEventKind(name).name == name) }
        #expect(try AuditEventKind("crm.contact_exported").name == "crm.contact_exported")
    }

    @Test(
        "malformed kind names are refused",
        arguments: [
            "", "login", "Login.failed", "login..failed", ".login", "login.", "login failed", "a.b.c.d.e.f.g.h.i",
        ])
    func badKinds(name: String) {
        #expect(throws: AuditError.invalidEvent) { try AuditEventKind(name) }
    }

    @Test("fields out of bounds are refused")
    func bounds() {
        let now = Sample.start
        #expect(throws: AuditError.invalidEvent) {
            try AuditEvent(kind: .loginFailed, at: now, userAgent: String(repeating: "a", count: 513))
        }
        #expect(throws: AuditError.invalidEvent) {
            try AuditEvent(kind: .loginFailed, at: now, sourceAddress: String(repeating: "1", count: 65))
        }
        #expect(throws: AuditError.invalidEvent) { try AuditEvent(kind: .loginFailed, at: now, reason: "a\nb") }
        #expect(throws: AuditError.invalidEvent) { try AuditEvent(kind: .loginFailed, at: now, reason: "a\u{85}b") }
        #expect(throws: AuditError.invalidEvent) {
            try AuditEvent(kind: .loginFailed, at: now, metadata: ["Upper": "x"])
        }
        #expect(throws: AuditError.invalidEvent) {
            try AuditEvent(
                kind: .loginFailed, at: now,
                metadata: Dictionary(uniqueKeysWithValues: (0..<33).map { ("k\($0)", "v") }))
        }
        #expect(throws: AuditError.invalidEvent) {
            try AuditEvent(kind: .loginFailed, at: now, metadata: ["k": String(repeating: "v", count: 1025)])
        }
    }

    @Test(
        "metadata keys that name a secret are refused",
        arguments: ["password", "new_password", "session.token", "otp", "totp_secret", "recovery-code", "api.pin"])
    func secretKeys(key: String) {
        #expect(throws: AuditError.secretLikeValue) {
            try AuditEvent(kind: .passwordChanged, at: Sample.start, metadata: [key: "x"])
        }
    }

    @Test(
        "text in a credential's format is refused in every text field",
        arguments: [
            "crm_s_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "refresh crm_r_abc", "crm_o_xyz",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "$2b$12$abcdefghijklmnopqrstuv",
            "otpauth://totp/Acme:ada?secret=JBSWY3DPEHPK3PXP", "-----BEGIN PRIVATE KEY-----",
        ])
    func secretText(text: String) {
        let now = Sample.start
        #expect(throws: AuditError.secretLikeValue) { try AuditEvent(kind: .loginFailed, at: now, reason: text) }
        #expect(throws: AuditError.secretLikeValue) { try AuditEvent(kind: .loginFailed, at: now, userAgent: text) }
        #expect(throws: AuditError.secretLikeValue) {
            try AuditEvent(kind: .loginFailed, at: now, metadata: ["detail": text])
        }
    }
}
