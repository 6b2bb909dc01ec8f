import AuthCore
import TOTP
import Testing

@Suite("SealedOTPSecret")
struct SealedOTPSecretTests {
    @Test("a sealed secret opens to the same secret for the same user")
    func roundTrip() throws {
        let ring = try KeyRing(current: .generate(id: "k1"))
        let secret = OTPSecret.generate()
        let sealed = try secret.sealed(with: ring, userID: "ada")
        #expect(try OTPSecret(unsealing: sealed, with: ring, userID: "ada") == secret)
        #expect(try sealed.keyID == "k1")
        #expect(!sealed.bytes.contains(subsequence: secret.revealedBytes))
        // A fresh nonce each time: sealing twice gives different boxes.
        #expect(try secret.sealed(with: ring, userID: "ada") != sealed)
    }

    @Test("a secret sealed for one user does not open for another")
    func wrongUser() throws {
        let ring = try KeyRing(current: .generate(id: "k1"))
        let sealed = try OTPSecret.generate().sealed(with: ring, userID: "ada")
        #expect(throws: TOTPError.unsealingFailed) { try OTPSecret(unsealing: sealed, with: ring, userID: "grace") }
        #expect(throws: TOTPError.unsealingFailed) { try OTPSecret(unsealing: sealed, with: ring, userID: "ada ") }
    }

    @Test("altered, truncated or foreign boxes are refused")
    func tampering() throws {
        let ring = try KeyRing(current: .generate(id: "k1"))
        let sealed = try OTPSecret.generate().sealed(with: ring, userID: "ada")
        var flipped = sealed.bytes
        flipped[flipped.count - 20] ^= 1
        #expect(throws: TOTPError.unsealingFailed) {
            try OTPSecret(unsealing: SealedOTPSecret(bytes: flipped), with: ring, userID: "ada")
        }
        #expect(throws: TOTPError.unsealingFailed) {
            try OTPSecret(unsealing: SealedOTPSecret(bytes: Array(sealed.bytes.prefix(10))), with: ring, userID: "ada")
        }
        #expect(throws: TOTPError.unsealingFailed) { try SealedOTPSecret(bytes: []).keyID }
        // Data sealed for another purpose under the same ring does not open as a secret.
        let other = try ring.seal(OTPSecret.generate().revealedBytes, associatedData: Array("ada".utf8))
        #expect(throws: TOTPError.unsealingFailed) {
            try OTPSecret(unsealing: SealedOTPSecret(bytes: other), with: ring, userID: "ada")
        }
    }

    @Test("after a rotation, old secrets open, are flagged, and re-seal under the new key")
    func rotation() throws {
        let old = try SealingKey.generate(id: "2026-10")
        let before = try KeyRing(current: old)
        let secret = OTPSecret.generate()
        let sealed = try secret.sealed(with: before, userID: "ada")
        #expect(try !sealed.needsResealing(under: before))
        #expect(try sealed.resealed(with: before, userID: "ada") == sealed)

        let after = try KeyRing(current: .generate(id: "2026-11"), older: [old])
        #expect(try sealed.needsResealing(under: after))
        #expect(try OTPSecret(unsealing: sealed, with: after, userID: "ada") == secret)
        let resealed = try sealed.resealed(with: after, userID: "ada")
        #expect(try resealed.keyID == "2026-11")
        #expect(try !resealed.needsResealing(under: after))
        #expect(try OTPSecret(unsealing: resealed, with: after, userID: "ada") == secret)

        // Once the old key is retired, only the re-sealed secret opens.
        let retired = try KeyRing(current: after.current)
        #expect(try OTPSecret(unsealing: resealed, with: retired, userID: "ada") == secret)
        #expect(throws: TOTPError.unsealingFailed) { try OTPSecret(unsealing: sealed, with: retired, userID: "ada") }
    }

    @Test("the description shows the key id, never the secret")
    func redaction() throws {
        let ring = try KeyRing(current: .generate(id: "k1"))
        let sealed = try OTPSecret.generate().sealed(with: ring, userID: "ada")
        #expect("\(sealed)" == "SealedOTPSecret(key: k1, \(sealed.bytes.count) bytes)")
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs contiguously in the array.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
