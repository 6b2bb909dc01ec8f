import AuthCore
import Testing

/// Hostile or careless numbers become typed errors or clamps, never a trap.
@Suite("Arithmetic on given numbers")
struct ArithmeticTests {
    @Test("regression: scrypt parameters whose memory need is within 1 MiB of 2^64 throw instead of trapping")
    func scryptAllowanceOverflow() {
        // 128 * r * (N + p + 2) = 2^64 - 9216: adding libcrypto's 1 MiB headroom overflowed.
        #expect(throws: AuthCoreError.invalidParameter) {
            try KeyDerivation.scrypt(
                password: [1], salt: [2], n: 1 << 27, r: 1_073_741_800, p: 1, keyLength: 32, maxMemory: .max)
        }
    }

    @Test("scrypt refuses N of 2^(16 r) or more (RFC 7914 §2)")
    func scryptNBound() {
        #expect(throws: AuthCoreError.invalidParameter) {
            try KeyDerivation.scrypt(
                password: [1], salt: [2], n: 1 << 16, r: 1, p: 1, keyLength: 32, maxMemory: 1 << 30)
        }
    }

    @Test("regression: lengths over Int32.max are a typed error, not a trapping conversion")
    func int32Lengths() throws {
        #expect(throws: AuthCoreError.invalidParameter) { try LibCrypto.int32Length(Int(Int32.max) + 1, of: "x") }
        #expect(throws: AuthCoreError.invalidParameter) { try LibCrypto.int32Length(-1, of: "x") }
        #expect(try LibCrypto.int32Length(Int(Int32.max), of: "x") == Int32.max)
    }

    @Test("regression: a negative random byte count gives no bytes instead of trapping")
    func negativeRandomCount() {
        #expect(SecureRandom.bytes(count: -1).isEmpty)
        #expect(SecureRandom.bytes(count: .min).isEmpty)
    }

    @Test("Base32 and Base64 decoding refuse hostile lengths with a typed error")
    func decodingLengths() {
        #expect(throws: AuthCoreError.invalidEncoding) { try Base32.decode(String(repeating: "A", count: 2000)) }
        #expect(throws: AuthCoreError.invalidEncoding) { try Base32.decode("AAAA", maxLength: -1) }
        #expect(throws: AuthCoreError.invalidEncoding) { try Base64.standard.decode("=====") }
        #expect(throws: AuthCoreError.invalidEncoding) { try Base64URL.decode("A") }
    }
}
