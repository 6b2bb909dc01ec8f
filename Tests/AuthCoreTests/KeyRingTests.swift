import AuthCore
import Testing

@Suite("KeyRing")
struct KeyRingTests {
    @Test("seal then open round-trips, with associated data")
    func roundTrip() throws {
        let ring = try KeyRing(current: .generate(id: "k1"))
        let sealed = try ring.seal(bytes("totp secret"), associatedData: bytes("user-1"))
        #expect(try ring.open(sealed, associatedData: bytes("user-1")) == bytes("totp secret"))
        #expect(try KeyRing.keyID(of: sealed) == "k1")
        #expect(try ring.seal([]).count == 2 + 2 + 12 + 16)
    }

    @Test("sealing twice gives different boxes (fresh nonces)")
    func freshNonces() throws {
        let ring = try KeyRing(current: .generate(id: "k1"))
        #expect(try ring.seal([1, 2, 3]) != ring.seal([1, 2, 3]))
    }

    @Test("a box opens only with the same associated data")
    func associatedDataBinds() throws {
        let ring = try KeyRing(current: .generate(id: "k1"))
        let sealed = try ring.seal([1, 2, 3], associatedData: bytes("user-1"))
        #expect(throws: AuthCoreError.authenticationFailed) {
            try ring.open(sealed, associatedData: bytes("user-2"))
        }
    }

    @Test("every single-bit flip is detected")
    func tamperDetected() throws {
        let ring = try KeyRing(current: .generate(id: "key"))
        let sealed = try ring.seal(bytes("secret"))
        for index in sealed.indices {
            var altered = sealed
            altered[index] ^= 0x01
            #expect(throws: AuthCoreError.self) { try ring.open(altered) }
        }
    }

    @Test("rotation: old boxes open, and are flagged for re-sealing")
    func rotation() throws {
        let old = try SealingKey.generate(id: "2025")
        let sealed = try KeyRing(current: old).seal(bytes("secret"))
        let rotated = try KeyRing(current: .generate(id: "2026"), older: [old])
        #expect(try rotated.open(sealed) == bytes("secret"))
        #expect(try rotated.needsResealing(sealed))
        let resealed = try rotated.seal(rotated.open(sealed))
        #expect(try !rotated.needsResealing(resealed))
        let withoutOld = try KeyRing(current: rotated.current)
        #expect(throws: AuthCoreError.unknownKey) { try withoutOld.open(sealed) }
    }

    @Test(
        "malformed boxes are typed errors", arguments: [[], [1], [2, 1, 65], [1, 0], [1, 1, 65, 0, 0]] as [[UInt8]])
    func malformed(box: [UInt8]) throws {
        let ring = try KeyRing(current: .generate(id: "A"))
        #expect(throws: AuthCoreError.invalidEncoding) { try ring.open(box) }
    }

    @Test("keys and ids are validated")
    func keyValidation() throws {
        #expect(throws: AuthCoreError.invalidKey) { try SealingKey(id: "k", material: [1, 2, 3]) }
        #expect(throws: AuthCoreError.invalidKey) { try SealingKey.generate(id: "") }
        #expect(throws: AuthCoreError.invalidKey) { try SealingKey.generate(id: "has space") }
        let key = try SealingKey.generate(id: "dup")
        #expect(throws: AuthCoreError.invalidKey) { try KeyRing(current: key, older: [key]) }
        #expect(!String(describing: key).contains(String(describing: key.material)))
    }
}
