import AuthCore
import Foundation
import TOTP
import Testing

/// The RFC 4226 Appendix D secret, "12345678901234567890".
private let rfc4226Secret = bytes("12345678901234567890")

@Suite("HOTPGenerator: RFC 4226 Appendix D")
struct HOTPVectorTests {
    @Test(
        "HOTP values for counters 0-9",
        arguments: [
            (0, "755224"), (1, "287082"), (2, "359152"), (3, "969429"), (4, "338314"),
            (5, "254676"), (6, "287922"), (7, "162583"), (8, "399871"), (9, "520489"),
        ] as [(UInt64, String)]
    )
    func appendixD(counter: UInt64, expected: String) throws {
        let generator = try HOTPGenerator(secret: OTPSecret(bytes: rfc4226Secret))
        #expect(generator.code(counter: counter) == expected)
    }

    @Test("digit counts outside 6...8 are refused", arguments: [0, 5, 9, 10, -1])
    func digitsOutOfRange(digits: Int) throws {
        let secret = try OTPSecret(bytes: rfc4226Secret)
        #expect(throws: TOTPError.parameterOutOfRange) { try HOTPGenerator(secret: secret, digits: digits) }
    }

    @Test("codes are zero-padded to the digit count")
    func zeroPadding() throws {
        let generator = try HOTPGenerator(secret: OTPSecret(bytes: rfc4226Secret), digits: 8)
        for counter in UInt64(0)..<200 {
            let code = generator.code(counter: counter)
            #expect(code.count == 8 && code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber))
        }
    }
}

@Suite("TOTPGenerator: RFC 6238 Appendix B")
struct TOTPVectorTests {
    /// The Appendix B seeds: the ASCII digits repeated to 20, 32 and 64 bytes (RFC 6238 errata 2866).
    static func seed(for algorithm: HashFunction) -> [UInt8] {
        switch algorithm {
        case .sha1: bytes("12345678901234567890")
        case .sha256: bytes("12345678901234567890123456789012")
        case .sha512: bytes("1234567890123456789012345678901234567890123456789012345678901234")
        }
    }

    @Test(
        "8-digit codes for every time and algorithm in Appendix B",
        arguments: [
            (59, "0000000000000001", .sha1, "94287082"),
            (59, "0000000000000001", .sha256, "46119246"),
            (59, "0000000000000001", .sha512, "90693936"),
            (1_111_111_109, "00000000023523EC", .sha1, "07081804"),
            (1_111_111_109, "00000000023523EC", .sha256, "68084774"),
            (1_111_111_109, "00000000023523EC", .sha512, "25091201"),
            (1_111_111_111, "00000000023523ED", .sha1, "14050471"),
            (1_111_111_111, "00000000023523ED", .sha256, "67062674"),
            (1_111_111_111, "00000000023523ED", .sha512, "99943326"),
            (1_234_567_890, "000000000273EF07", .sha1, "89005924"),
            (1_234_567_890, "000000000273EF07", .sha256, "91819424"),
            (1_234_567_890, "000000000273EF07", .sha512, "93441116"),
            (2_000_000_000, "0000000003F940AA", .sha1, "69279037"),
            (2_000_000_000, "0000000003F940AA", .sha256, "90698825"),
            (2_000_000_000, "0000000003F940AA", .sha512, "38618901"),
            (20_000_000_000, "0000000027BC86AA", .sha1, "65353130"),
            (20_000_000_000, "0000000027BC86AA", .sha256, "77737706"),
            (20_000_000_000, "0000000027BC86AA", .sha512, "47863826"),
        ] as [(Int64, String, HashFunction, String)]
    )
    func appendixB(time: Int64, stepHex: String, algorithm: HashFunction, expected: String) throws {
        let configuration = try TOTPConfiguration(algorithm: algorithm, digits: 8)
        let generator = TOTPGenerator(
            secret: try OTPSecret(bytes: Self.seed(for: algorithm)), configuration: configuration)
        let date = Date(timeIntervalSince1970: TimeInterval(time))
        #expect(generator.step(at: date) == Int64(stepHex, radix: 16))
        #expect(generator.code(at: date) == expected)
    }

    @Test("steps count from T0 and floor before it")
    func epochAndFloor() throws {
        let configuration = try TOTPConfiguration(period: 30, epoch: 1_000)
        let generator = TOTPGenerator(secret: .generate(), configuration: configuration)
        #expect(generator.step(at: Date(timeIntervalSince1970: 1_000)) == 0)
        #expect(generator.step(at: Date(timeIntervalSince1970: 1_029.9)) == 0)
        #expect(generator.step(at: Date(timeIntervalSince1970: 1_030)) == 1)
        #expect(generator.step(at: Date(timeIntervalSince1970: 999)) == -1)
        #expect(generator.step(at: .distantFuture) > 0)
    }

    @Test("periods outside 1...86400 are refused", arguments: [0, -30, 86_401, Int64.max] as [Int64])
    func periodOutOfRange(period: Int64) {
        #expect(throws: TOTPError.parameterOutOfRange) { try TOTPConfiguration(period: period) }
    }
}

@Suite("OTPSecret")
struct OTPSecretTests {
    @Test("generated secrets are 160 bits and random")
    func generated() {
        let first = OTPSecret.generate()
        #expect(first.revealedBytes.count == 20)
        #expect(first != OTPSecret.generate())
        #expect(OTPSecret.generate(byteCount: 1).revealedBytes.count == 16)
    }

    @Test("secrets under 128 bits or over the maximum are refused", arguments: [0, 10, 15, 129])
    func sizes(count: Int) {
        #expect(throws: TOTPError.invalidSecret) { try OTPSecret(bytes: [UInt8](repeating: 1, count: count)) }
    }

    @Test("Base32 round-trips and bad Base32 is a typed error")
    func base32() throws {
        let secret = OTPSecret.generate()
        #expect(try OTPSecret(base32: secret.revealedBase32) == secret)
        #expect(try OTPSecret(base32: secret.revealedBase32.lowercased()) == secret)
        #expect(throws: TOTPError.invalidSecret) { try OTPSecret(base32: "JBSWY3DPEHPK3PX1") }
        #expect(throws: TOTPError.invalidSecret) { try OTPSecret(base32: String(repeating: "A", count: 100_000)) }
    }

    @Test("printing never shows the secret")
    func redaction() {
        let secret = OTPSecret.generate()
        #expect("\(secret)" == "<redacted>")
        #expect(!String(reflecting: secret).contains(secret.revealedBase32))
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains(secret.revealedBase32))
    }
}
