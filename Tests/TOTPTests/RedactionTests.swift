import AuthCore
import Foundation
import TOTP
import Testing

/// Every TOTP type that holds a secret or key material prints none of it, however it is printed.
@Suite("Redaction of TOTP secrets")
struct RedactionTests {
    /// RFC 4226 Appendix D's secret, "12345678901234567890".
    static let secretBytes = Array("12345678901234567890".utf8)

    struct Printed: Sendable, CustomTestStringConvertible {
        let name: String
        let value: any Sendable
        let secret: [UInt8]
        let words: [UInt64]
        var testDescription: String { name }
    }

    static func printed() throws -> [Printed] {
        let secret = try OTPSecret(bytes: secretBytes)
        var cases: [Printed] = []
        for algorithm in HashFunction.allCases {
            let pads = HMACKey(secretBytes, hash: algorithm).padStateWords
            let configuration = try TOTPConfiguration(algorithm: algorithm)
            cases.append(
                Printed(
                    name: "HOTPGenerator \(algorithm)", value: try HOTPGenerator(secret: secret, algorithm: algorithm),
                    secret: secretBytes, words: pads))
            cases.append(
                Printed(
                    name: "TOTPGenerator \(algorithm)",
                    value: TOTPGenerator(secret: secret, configuration: configuration), secret: secretBytes, words: pads
                ))
            cases.append(
                Printed(
                    name: "[TOTPGenerator] \(algorithm)",
                    value: [TOTPGenerator(secret: secret, configuration: configuration)], secret: secretBytes,
                    words: pads))
        }
        let keyMaterial = (0..<32).map { UInt8($0 * 7 + 1) }
        let ring = try KeyRing(current: SealingKey(id: "k1", material: keyMaterial))
        let sealed = try secret.sealed(with: ring, userID: "u1")
        let uri = try OTPAuthURI(issuer: "Acme", account: "ada@example.com", secret: secret)
        let codes = try RecoveryCode.generate(count: 2)
        let enrollment = try TOTPEnrollment(
            issuer: "Acme", keyRing: ring, store: InMemoryTOTPEnrollmentStore(),
            verifier: TOTPVerifier(store: InMemoryTOTPStore(), clock: ManualClock()), clock: ManualClock())
        cases += [
            Printed(name: "OTPSecret", value: secret, secret: secretBytes, words: []),
            Printed(name: "OTPAuthURI", value: uri, secret: secretBytes, words: []),
            Printed(name: "SealedOTPSecret", value: sealed, secret: sealed.bytes, words: []),
            Printed(name: "TOTPEnrollment (its key ring)", value: enrollment, secret: keyMaterial, words: []),
            Printed(name: "RecoveryCode", value: codes[0], secret: Array(codes[0].revealedText.utf8), words: []),
            Printed(name: "[RecoveryCode]", value: codes, secret: Array(codes[1].revealedText.utf8), words: []),
            Printed(name: "RecoveryCodeDigest", value: codes[0].digest, secret: codes[0].digest.bytes, words: []),
        ]
        return cases
    }

    @Test(
        "regression: generators, secrets, URIs, sealed secrets, enrollments and recovery codes print no secret byte or pad state",
        arguments: try printed())
    func redacted(_ printed: Printed) {
        let shown = RedactionAudit.renderings(of: printed.value)
        #expect(RedactionAudit.leaks(of: printed.secret, words: printed.words, in: shown, window: 4) == [], "\(shown)")
        #expect(!shown.contains("12345678901234567890"))
    }

    @Test("regression: a code rebuilt from a generator's printout is impossible: its dump has no children")
    func generatorShape() throws {
        let generator = try HOTPGenerator(secret: OTPSecret(bytes: Self.secretBytes))
        #expect(Mirror(reflecting: generator).children.isEmpty)
        var dumped = ""
        dump(generator, to: &dumped)
        #expect(dumped == "- HOTPGenerator(SHA1, digits: 6, key: <redacted>)\n")
    }

    @Test("regression: the enrollment challenge's dump shows neither the secret nor the URI")
    func challenge() async throws {
        let ring = try KeyRing(current: SealingKey.generate(id: "k1"))
        let enrollment = try TOTPEnrollment(
            issuer: "Acme", keyRing: ring, store: InMemoryTOTPEnrollmentStore(),
            verifier: TOTPVerifier(store: InMemoryTOTPStore(), clock: ManualClock()), clock: ManualClock())
        let challenge = try await enrollment.begin(userID: "u1", account: "ada@example.com")
        let shown = RedactionAudit.renderings(of: challenge)
        let secret = try Base32.decode(challenge.revealedSecretBase32)
        #expect(RedactionAudit.leaks(of: secret, in: shown, window: 4) == [], "\(shown)")
        #expect(!shown.contains("otpauth"))
        #expect(!shown.contains(String(challenge.revealedSecretBase32.prefix(8))))
    }
}
