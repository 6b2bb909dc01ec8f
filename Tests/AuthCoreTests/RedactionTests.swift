import AuthCore
import Testing

/// Every AuthCore type that holds key material prints none of it, however it is printed.
@Suite("Redaction of key material")
struct RedactionTests {
    static let keyBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }

    /// A value that holds `keyBytes`, the HMAC pad words derived from it, and a name for the report.
    struct Holder: Sendable, CustomTestStringConvertible {
        let name: String
        let value: any Sendable
        let words: [UInt64]
        var testDescription: String { name }
    }

    static func holders() throws -> [Holder] {
        let sealing = try SealingKey(id: "k1", material: keyBytes)
        let ring = try KeyRing(current: sealing, older: [SealingKey(id: "k0", material: keyBytes.reversed())])
        var holders: [Holder] = []
        for hash in HashFunction.allCases {
            let key = HMACKey(keyBytes, hash: hash)
            holders.append(Holder(name: "HMACKey \(hash)", value: key, words: key.padStateWords))
            holders.append(Holder(name: "[HMACKey] \(hash)", value: [key], words: key.padStateWords))
            holders.append(Holder(name: "Optional HMACKey \(hash)", value: Optional(key), words: key.padStateWords))
        }
        let state = keyBytes.withUnsafeBytes { DigestState(.sha256, absorbing: $0) }
        holders.append(Holder(name: "DigestState", value: state, words: state.chainingWords))
        holders.append(Holder(name: "SealingKey", value: sealing, words: []))
        holders.append(
            Holder(name: "Ed25519SigningKey", value: try Ed25519SigningKey(id: "k1", seed: keyBytes), words: []))
        holders.append(Holder(name: "KeyRing", value: ring, words: []))
        holders.append(Holder(name: "Secret", value: Secret(keyBytes), words: []))
        holders.append(Holder(name: "a tuple holding a KeyRing", value: (label: "x", ring: ring), words: []))
        return holders
    }

    @Test(
        "regression: HMACKey, DigestState, SealingKey, Ed25519SigningKey, KeyRing and Secret show no key byte or pad state",
        arguments: try holders())
    func noKeyMaterial(_ holder: Holder) {
        let text = RedactionAudit.renderings(of: holder.value)
        #expect(RedactionAudit.leaks(of: Self.keyBytes, words: holder.words, in: text) == [], "\(text)")
        // The older key's bytes, reversed, must not show either.
        #expect(RedactionAudit.leaks(of: Self.keyBytes.reversed(), in: text) == [])
    }

    @Test("regression: HMACKey's dump shows no pad bytes and its mirror has no children")
    func hmacKeyShape() {
        let key = HMACKey(Self.keyBytes, hash: .sha1)
        #expect(Mirror(reflecting: key).children.isEmpty)
        var dumped = ""
        dump(key, to: &dumped)
        #expect(dumped == "- HMACKey(SHA1, <redacted>)\n")
        #expect(String(describing: key) == "HMACKey(SHA1, <redacted>)")
        // The audit does see pad words when they are printed: it is not vacuous.
        let leaked = key.padStateWords.map(String.init).joined(separator: " ")
        #expect(!RedactionAudit.leaks(of: [], words: key.padStateWords, in: leaked).isEmpty)
    }

    @Test("the audit finds hex, Base64 and decimal renderings of a secret")
    func auditFindsLeaks() {
        let secret = Self.keyBytes
        for leaked in [
            secret.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(), Base64.standard.encode(secret),
            Base32.encode(secret), "\(secret)",
        ] {
            #expect(!RedactionAudit.leaks(of: secret, in: "x " + leaked + " y").isEmpty, "\(leaked)")
        }
    }

    @Test("the key ring and key still name their ids")
    func idsShown() throws {
        let ring = try KeyRing(current: SealingKey(id: "2026-11", material: Self.keyBytes))
        #expect("\(ring)" == "KeyRing(current: 2026-11, keys: [\"2026-11\"])")
        #expect(String(reflecting: ring.current) == "SealingKey(id: 2026-11, material: <redacted>)")
    }
}
