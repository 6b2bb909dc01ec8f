import AuthCore
import Testing

@Suite("KeyDerivation")
struct KeyDerivationTests {
    struct PBKDF2Vector: Sendable, CustomTestStringConvertible {
        let hash: HashFunction
        let password: [UInt8]
        let salt: [UInt8]
        let iterations: Int
        let expected: String
        var testDescription: String { "\(hash) c=\(iterations) dkLen=\(expected.count / 2)" }
    }

    /// RFC 6070 §2 (PBKDF2-HMAC-SHA1; the 16,777,216-iteration vector is left out for time),
    /// RFC 7914 §11 (PBKDF2-HMAC-SHA256), and one SHA-512 vector cross-checked with Python's hashlib.
    static let pbkdf2Vectors: [PBKDF2Vector] = [
        .init(
            hash: .sha1, password: bytes("password"), salt: bytes("salt"), iterations: 1,
            expected: "0c60c80f961f0e71f3a9b524af6012062fe037a6"),
        .init(
            hash: .sha1, password: bytes("password"), salt: bytes("salt"), iterations: 2,
            expected: "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"),
        .init(
            hash: .sha1, password: bytes("password"), salt: bytes("salt"), iterations: 4096,
            expected: "4b007901b765489abead49d926f721d065a429c1"),
        .init(
            hash: .sha1, password: bytes("passwordPASSWORDpassword"),
            salt: bytes("saltSALTsaltSALTsaltSALTsaltSALTsalt"), iterations: 4096,
            expected: "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"),
        .init(
            hash: .sha1, password: bytes("pass\0word"), salt: bytes("sa\0lt"), iterations: 4096,
            expected: "56fa6aa75548099dcc37d7f03425e0c3"),
        .init(
            hash: .sha256, password: bytes("passwd"), salt: bytes("salt"), iterations: 1,
            expected:
                "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        ),
        .init(
            hash: .sha256, password: bytes("Password"), salt: bytes("NaCl"), iterations: 80000,
            expected:
                "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
        ),
        .init(
            hash: .sha512, password: bytes("password"), salt: bytes("salt"), iterations: 1,
            expected:
                "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce"
        ),
    ]

    @Test("PBKDF2 known-answer vectors", arguments: pbkdf2Vectors)
    func pbkdf2(vector: PBKDF2Vector) throws {
        let key = try KeyDerivation.pbkdf2(
            password: vector.password, salt: vector.salt, iterations: vector.iterations,
            hash: vector.hash, keyLength: vector.expected.count / 2)
        #expect(key == hex(vector.expected))
    }

    @Test("PBKDF2 with an empty password and salt does not crash")
    func pbkdf2Empty() throws {
        let key = try KeyDerivation.pbkdf2(password: [], salt: [], iterations: 1, hash: .sha256, keyLength: 32)
        #expect(key.count == 32)
    }

    @Test("PBKDF2 rejects out-of-range parameters", arguments: [(0, 32), (-1, 32), (1, 0), (1, 5000)])
    func pbkdf2Rejects(iterations: Int, keyLength: Int) {
        #expect(throws: AuthCoreError.invalidParameter) {
            try KeyDerivation.pbkdf2(
                password: [1], salt: [2], iterations: iterations, hash: .sha1, keyLength: keyLength)
        }
    }

    /// RFC 7914 §12 (the N=1,048,576 vector is left out for time and memory).
    @Test(
        "scrypt known-answer vectors",
        arguments: [
            (
                "", "", UInt64(16), UInt64(1), UInt64(1),
                "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
            ),
            (
                "password", "NaCl", UInt64(1024), UInt64(8), UInt64(16),
                "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
            ),
        ])
    func scrypt(password: String, salt: String, n: UInt64, r: UInt64, p: UInt64, expected: String) throws {
        let key = try KeyDerivation.scrypt(
            password: bytes(password), salt: bytes(salt), n: n, r: r, p: p, keyLength: 64,
            maxMemory: 64 << 20)
        #expect(key == hex(expected))
    }

    @Test(
        "scrypt rejects bad or oversized parameters",
        arguments: [
            (UInt64(0), UInt64(8), UInt64(1)), (UInt64(1000), UInt64(8), UInt64(1)), (UInt64(16), UInt64(0), UInt64(1)),
            (UInt64(16), UInt64(8), UInt64(0)), (UInt64(1) << 40, UInt64(8), UInt64(1)),
            (UInt64(16), UInt64(1) << 20, UInt64(1) << 12),
            (UInt64(1) << 62, UInt64(1) << 31, UInt64(1)),
        ])
    func scryptRejects(n: UInt64, r: UInt64, p: UInt64) {
        #expect(throws: AuthCoreError.invalidParameter) {
            try KeyDerivation.scrypt(password: [1], salt: [2], n: n, r: r, p: p, keyLength: 32, maxMemory: 64 << 20)
        }
    }
}
