import AuthCore
import PasswordHashing
import Testing

/// A pepper's key never reaches a printout, alone or inside a hasher's configuration.
@Suite("Redaction of peppers")
struct RedactionTests {
    static let key: [UInt8] = (0..<24).map { UInt8(truncatingIfNeeded: $0 * 11 + 3) }

    @Test("regression: Pepper, PasswordHasher.Configuration and PasswordHasher print no key byte or pad state")
    func peppers() throws {
        let pepper = try Pepper(id: "p1", key: Self.key)
        var configuration = PasswordHasher.Configuration()
        configuration.pepper = pepper
        configuration.olderPeppers = [try Pepper(id: "p0", key: Self.key.reversed())]
        let hasher = PasswordHasher(configuration: configuration)
        let pads = HMACKey(Self.key, hash: .sha256).padStateWords
        for value in [pepper, configuration, hasher, [pepper]] as [any Sendable] {
            let shown = RedactionAudit.renderings(of: value)
            #expect(RedactionAudit.leaks(of: Self.key, words: pads, in: shown, window: 4) == [], "\(shown)")
            #expect(RedactionAudit.leaks(of: Self.key.reversed(), in: shown, window: 4) == [])
        }
        #expect(Mirror(reflecting: pepper).children.isEmpty)
        #expect(String(reflecting: pepper) == "Pepper(id: p1, key: <redacted>)")
        #expect("\(configuration)".contains("pepper: p1"))
    }
}
