import AuthCore
import Foundation
import PasswordHashing
import Testing

/// A password given as bytes and the bcrypt string it must produce.
struct BcryptVector: Sendable, CustomTestStringConvertible {
    let password: [UInt8]
    let hash: String
    let label: String

    init(_ password: [UInt8], _ hash: String, _ label: String) {
        self.password = password
        self.hash = hash
        self.label = label
    }

    init(_ password: String, _ hash: String, _ label: String? = nil) {
        self.init(Array(password.utf8), hash, label ?? "\"\(password)\"")
    }

    var testDescription: String { "\(label) \(hash.prefix(7))" }
}

/// Known-answer vectors.
///
/// Sources: the test vectors shipped with OpenWall's crypt_blowfish 1.3 (`wrapper.c`, the "U*U",
/// 8-bit and 72-byte cases) and OpenBSD's bcrypt regression tests as carried by jBCrypt (the empty,
/// "a", "abc", alphabet and punctuation cases). Every vector was also confirmed against pyca/bcrypt
/// 5.0.0 before being committed; the two crypt_blowfish `$2a$` vectors pyca disagrees with are tested
/// separately below.
let bcryptKnownAnswers: [BcryptVector] = [
    BcryptVector("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
    BcryptVector("U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"),
    BcryptVector("U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"),
    BcryptVector(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored",
        "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui", "98 ASCII bytes"
    ),
    BcryptVector([0xFF, 0xFF, 0xA3], "$2y$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e", "ff ff a3"),
    BcryptVector([0xFF, 0xFF, 0xA3], "$2b$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e", "ff ff a3"),
    BcryptVector([0xA3], "$2a$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq", "a3"),
    BcryptVector(
        [0xFF, 0xA3] + Array("34".utf8) + [0xFF, 0xFF, 0xFF, 0xA3] + Array("345".utf8),
        "$2y$05$/OK.fbVrR/bpIqNJ5ianF.o./n25XVfn6oAPaUvHe.Csk4zRfsYPi", "ff a3 34 ff ff ff a3 345"
    ),
    BcryptVector(
        [0xFF, 0xA3] + Array("345".utf8), "$2y$05$/OK.fbVrR/bpIqNJ5ianF.nRht2l/HRhr6zmCp9vYUvvsqynflf9e", "ff a3 345"),
    BcryptVector(
        [0xFF, 0xA3] + Array("345".utf8), "$2a$05$/OK.fbVrR/bpIqNJ5ianF.nRht2l/HRhr6zmCp9vYUvvsqynflf9e", "ff a3 345"),
    BcryptVector([0xA3] + Array("ab".utf8), "$2a$05$/OK.fbVrR/bpIqNJ5ianF.6IflQkJytoRVc1yuaNtHfiuq.FRlSIS", "a3 ab"),
    BcryptVector([0xA3] + Array("ab".utf8), "$2y$05$/OK.fbVrR/bpIqNJ5ianF.6IflQkJytoRVc1yuaNtHfiuq.FRlSIS", "a3 ab"),
    BcryptVector(
        [UInt8](repeating: 0xAA, count: 72) + Array("chars after 72 are ignored as usual".utf8),
        "$2a$05$/OK.fbVrR/bpIqNJ5ianF.swQOIzjOiJ9GHEPuhEkvqrUyvWhEMx6", "72 x aa + tail"
    ),
    BcryptVector(
        Array([[UInt8]](repeating: [0xAA, 0x55], count: 36).joined())
            + Array("chars after 72 are ignored as usual".utf8),
        "$2a$05$/OK.fbVrR/bpIqNJ5ianF.R9xrDjiycxMbQE2bp.vgqlYpW5wx2yy", "36 x aa 55 + tail"
    ),
    BcryptVector(
        Array([[UInt8]](repeating: [0x55, 0xAA, 0xFF], count: 24).joined())
            + Array("chars after 72 are ignored as usual".utf8),
        "$2a$05$/OK.fbVrR/bpIqNJ5ianF.9tQZzcJfm3uj2NvJ/n5xkhpqLrMpWCe", "24 x 55 aa ff + tail"
    ),
    BcryptVector("", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy", "empty"),
    BcryptVector("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.", "empty"),
    BcryptVector("", "$2a$08$HqWuK6/Ng6sg9gQzbLrgb.Tl.ZHfXLhvt/SgVyWhQqgqcZ7ZuUtye", "empty"),
    BcryptVector("", "$2a$10$k1wbIrmNyFAPwPVPSVa/zecw2BCEnBwVS2GbrmgzxFUOqW9dk4TCW", "empty"),
    BcryptVector("a", "$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe"),
    BcryptVector("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"),
    BcryptVector("abcdefghijklmnopqrstuvwxyz", "$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC"),
    BcryptVector("~!@#$%^&*()      ~!@#$%^&*()PNBFRD", "$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO"),
]

@Suite("BcryptEngine")
struct BcryptEngineTests {
    @Test("reproduces the crypt_blowfish and OpenBSD known answers", arguments: bcryptKnownAnswers)
    func knownAnswer(vector: BcryptVector) throws {
        let parsed = try BcryptHash(parsing: vector.hash)
        let checksum = try BcryptEngine.checksum(password: vector.password, salt: parsed.salt, cost: parsed.cost)
        #expect(checksum == parsed.checksum)
        #expect(try parsed.verify(vector.password))
        let rebuilt = try BcryptHash(
            hashing: vector.password, salt: parsed.salt, cost: parsed.cost, variant: parsed.variant)
        #expect(rebuilt.encoded == vector.hash)
    }

    /// OpenBSD's `$2a$` stored the key length in 8 bits, so a 255-byte password hashed as an empty
    /// key; lengths of 255 and 256 (72 + 183, 72 + 184) are here for that flaw.
    @Test("bytes beyond the 72nd never change the checksum, even at the $2a$ wraparound lengths")
    func truncatesAt72Bytes() throws {
        let salt = [UInt8](repeating: 0x5A, count: 16)
        let base = [UInt8](repeating: 0x61, count: 72)
        let reference = try BcryptEngine.checksum(password: base, salt: salt, cost: 4)
        for extra in [1, 183, 184, 255, 256, 1000] {
            let longer = base + [UInt8](repeating: 0x62, count: extra)
            #expect(try BcryptEngine.checksum(password: longer, salt: salt, cost: 4) == reference)
        }
        // 71 bytes use the NUL terminator as the 72nd key byte, so they differ from 72.
        #expect(try BcryptEngine.checksum(password: Array(base.prefix(71)), salt: salt, cost: 4) != reference)
    }

    @Test("returns 23 bytes and depends on password, salt and cost")
    func sensitivity() throws {
        let salt = [UInt8](repeating: 1, count: 16)
        let reference = try BcryptEngine.checksum(password: Array("pw".utf8), salt: salt, cost: 4)
        #expect(reference.count == 23)
        #expect(try BcryptEngine.checksum(password: Array("pX".utf8), salt: salt, cost: 4) != reference)
        #expect(
            try BcryptEngine.checksum(password: Array("pw".utf8), salt: [2] + salt.dropFirst(), cost: 4) != reference)
        #expect(try BcryptEngine.checksum(password: Array("pw".utf8), salt: salt, cost: 5) != reference)
    }

    @Test("rejects costs outside 4...31", arguments: [Int.min, -1, 0, 3, 32, 64, Int.max])
    func rejectsCost(cost: Int) {
        #expect(throws: PasswordHashingError.parameterOutOfRange) {
            try BcryptEngine.checksum(password: [], salt: [UInt8](repeating: 0, count: 16), cost: cost)
        }
    }

    @Test("rejects salts that are not 16 bytes", arguments: [0, 15, 17, 32])
    func rejectsSaltLength(count: Int) {
        #expect(throws: PasswordHashingError.parameterOutOfRange) {
            try BcryptEngine.checksum(password: [], salt: [UInt8](repeating: 0, count: count), cost: 4)
        }
    }
}

@Suite("BcryptHash")
struct BcryptHashTests {
    @Test("hashes with a fresh salt and verifies only the right password", arguments: BcryptVariant.allCases)
    func roundTrip(variant: BcryptVariant) throws {
        let password = Array("correct horse battery staple".utf8)
        let hash = try BcryptHash(hashing: password, cost: 4, variant: variant)
        let parsed = try BcryptHash(parsing: hash.encoded)
        #expect(parsed == hash)
        #expect(hash.encoded.hasPrefix("$\(variant.rawValue)$04$"))
        #expect(try parsed.verify(password))
        #expect(try !parsed.verify(Array("correct horse battery stapler".utf8)))
        #expect(try !parsed.verify([]))
        let again = try BcryptHash(hashing: password, cost: 4, variant: variant)
        #expect(again.salt != hash.salt)
    }

    @Test("all three variants give the same checksum")
    func variantsAgree() throws {
        let salt = SecureRandom.bytes(count: 16)
        let checksums = try BcryptVariant.allCases.map { variant in
            try BcryptHash(hashing: Array("pässwörd".utf8), salt: salt, cost: 4, variant: variant).checksum
        }
        #expect(Set(checksums).count == 1)
    }

    @Test("encodes two-digit costs and re-encodes parsed strings unchanged")
    func encoding() throws {
        let hash = BcryptHash(
            variant: .b, cost: 4, salt: [UInt8](repeating: 0, count: 16),
            checksum: [UInt8](repeating: 0xFF, count: 23))
        #expect(hash.encoded == "$2b$04$" + String(repeating: ".", count: 22) + String(repeating: "9", count: 30) + "6")
        #expect(try BcryptHash(parsing: hash.encoded) == hash)
        let high = "$2y$31$" + String(repeating: ".", count: 22) + String(repeating: ".", count: 31)
        #expect(try BcryptHash(parsing: high).cost == 31)
        #expect(try BcryptHash(parsing: high).encoded == high)
    }

    @Test("does not reproduce crypt_blowfish's $2a$ countermeasure for 8-bit passwords")
    func cryptBlowfishCountermeasureNotReproduced() throws {
        // crypt_blowfish 1.1+ alters $2a$ for passwords where its old sign-extension bug would have
        // been invisible; OpenBSD, pyca/bcrypt and this library compute $2a$ exactly like $2b$.
        let password: [UInt8] = [0xFF, 0xFF, 0xA3]
        let openBSD = try BcryptHash(parsing: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e")
        let cryptBlowfish = try BcryptHash(parsing: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.nqd1wy.pTMdcvrRWxyiGL2eMz.2a85.")
        #expect(try openBSD.verify(password))
        #expect(try !cryptBlowfish.verify(password))
    }
}

/// A string that must not parse, and the error it must raise.
struct MalformedBcrypt: Sendable, CustomTestStringConvertible {
    let input: String
    let error: PasswordHashingError
    let label: String
    var testDescription: String { label }
}

/// A valid cost-5 hash the malformed table mutates ("U*U" from crypt_blowfish).
let validBcrypt = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"

/// Replaces the character at `offset` in the valid hash.
func mutatedBcrypt(at offset: Int, with replacement: String) -> String {
    var characters = Array(validBcrypt)
    characters.replaceSubrange(offset...offset, with: Array(replacement))
    return String(characters)
}

let malformedBcryptInputs: [MalformedBcrypt] = [
    .init(input: "", error: .malformedHash, label: "empty"),
    .init(input: "$", error: .malformedHash, label: "a lone dollar"),
    .init(input: "$$", error: .malformedHash, label: "empty identifier"),
    .init(input: "$2b", error: .malformedHash, label: "identifier without closing dollar"),
    .init(input: String(validBcrypt.dropFirst()), error: .malformedHash, label: "missing leading dollar"),
    .init(input: String(validBcrypt.prefix(59)), error: .malformedHash, label: "59 characters"),
    .init(input: validBcrypt + "x", error: .malformedHash, label: "61 characters"),
    .init(input: String(validBcrypt.prefix(29)), error: .malformedHash, label: "salt only"),
    .init(input: validBcrypt + validBcrypt, error: .malformedHash, label: "120 characters"),
    .init(input: mutatedBcrypt(at: 6, with: "."), error: .malformedHash, label: "missing dollar after cost"),
    .init(input: mutatedBcrypt(at: 3, with: "."), error: .malformedHash, label: "missing dollar after identifier"),
    .init(input: mutatedBcrypt(at: 5, with: "3"), error: .parameterOutOfRange, label: "cost 03"),
    .init(
        input: mutatedBcrypt(at: 4, with: "3").replacingOccurrences(of: "$35$", with: "$32$"),
        error: .parameterOutOfRange, label: "cost 32"),
    .init(input: mutatedBcrypt(at: 4, with: "9"), error: .parameterOutOfRange, label: "cost 95"),
    .init(
        input: mutatedBcrypt(at: 4, with: "0").replacingOccurrences(of: "$05$", with: "$00$"),
        error: .parameterOutOfRange, label: "cost 00"),
    .init(
        input: mutatedBcrypt(at: 4, with: "a").replacingOccurrences(of: "$a5$", with: "$ab$"),
        error: .malformedHash, label: "cost ab"),
    .init(input: mutatedBcrypt(at: 4, with: "+"), error: .malformedHash, label: "cost +5"),
    .init(input: mutatedBcrypt(at: 4, with: " "), error: .malformedHash, label: "cost with a space"),
    .init(input: mutatedBcrypt(at: 2, with: "x"), error: .unsupportedAlgorithm, label: "$2x$"),
    .init(input: mutatedBcrypt(at: 2, with: "c"), error: .unsupportedAlgorithm, label: "$2c$"),
    .init(input: mutatedBcrypt(at: 2, with: "A"), error: .malformedHash, label: "$2A$ (upper case)"),
    .init(
        input: "$2$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe",
        error: .unsupportedAlgorithm, label: "$2$ (original 1997 bcrypt)"),
    .init(
        input: "$2x$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e",
        error: .unsupportedAlgorithm, label: "$2x$ crypt_blowfish vector"),
    .init(input: "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$abc", error: .unsupportedAlgorithm, label: "Argon2id"),
    .init(input: "$1$saltsalt$abcdefghijklmnopqrstuv", error: .unsupportedAlgorithm, label: "md5crypt"),
    .init(input: mutatedBcrypt(at: 10, with: "*"), error: .malformedHash, label: "star in salt"),
    .init(input: mutatedBcrypt(at: 10, with: "+"), error: .malformedHash, label: "RFC 4648 plus in salt"),
    .init(input: mutatedBcrypt(at: 40, with: "="), error: .malformedHash, label: "padding in checksum"),
    .init(input: mutatedBcrypt(at: 40, with: "_"), error: .malformedHash, label: "URL-safe underscore"),
    .init(input: mutatedBcrypt(at: 59, with: "\0"), error: .malformedHash, label: "NUL in checksum"),
    .init(input: mutatedBcrypt(at: 20, with: "é"), error: .malformedHash, label: "non-ASCII, 61 bytes"),
    .init(input: String(validBcrypt.dropLast(2)) + "é", error: .malformedHash, label: "non-ASCII, 60 bytes"),
    .init(input: "$2b$05$" + String(repeating: "é", count: 26) + ".", error: .malformedHash, label: "all non-ASCII"),
    .init(input: "$2b$05$" + String(repeating: "🔑", count: 13) + ".", error: .malformedHash, label: "emoji, 60 bytes"),
    .init(input: mutatedBcrypt(at: 28, with: "D"), error: .malformedHash, label: "non-canonical last salt character"),
    .init(
        input: mutatedBcrypt(at: 59, with: "X"), error: .malformedHash, label: "non-canonical last checksum character"),
    .init(
        input: "$2y$05$/OK.Ulq5dR17sNXoV2pHrVdodf1hRPQxn4aYUkdpT6YTmvbNPrU1C", error: .malformedHash,
        label: "stray salt bits (pyca/bcrypt also rejects)"),
    .init(input: String(repeating: "$", count: 60), error: .malformedHash, label: "sixty dollars"),
    .init(input: String(repeating: "a", count: 60), error: .malformedHash, label: "sixty letters"),
    .init(input: String(repeating: "$2b$", count: 250_000), error: .malformedHash, label: "one megabyte"),
    .init(
        input: "$" + String(repeating: "2", count: 1_000_000) + "$", error: .malformedHash,
        label: "one-megabyte identifier"),
]

@Suite("BcryptHash parsing")
struct BcryptHashParsingTests {
    @Test("malformed strings raise typed errors", arguments: malformedBcryptInputs)
    func rejects(malformed: MalformedBcrypt) {
        #expect(throws: malformed.error) { try BcryptHash(parsing: malformed.input) }
    }

    @Test("every valid identifier and boundary cost parses", arguments: BcryptVariant.allCases, ["04", "10", "31"])
    func accepts(variant: BcryptVariant, cost: String) throws {
        let text = "$\(variant.rawValue)$\(cost)$" + String(validBcrypt.dropFirst(7))
        let hash = try BcryptHash(parsing: text)
        #expect(hash.variant == variant)
        #expect(hash.cost == Int(cost))
        #expect(hash.encoded == text)
    }
}

@Suite("BcryptBase64")
struct BcryptBase64Tests {
    @Test("round-trips every length from 0 to 40 bytes")
    func roundTrip() throws {
        for count in 0...40 {
            let bytes = SecureRandom.bytes(count: count)
            let text = BcryptBase64.encode(bytes)
            #expect(text.utf8.count == BcryptBase64.encodedLength(byteCount: count))
            #expect(BcryptBase64.decode(Array(text.utf8), byteCount: count) == bytes)
        }
    }

    @Test("uses bcrypt's alphabet order, not RFC 4648's")
    func alphabetOrder() {
        #expect(BcryptBase64.encode([0, 0, 0]) == "....")
        #expect(BcryptBase64.encode([0xFF, 0xFF, 0xFF]) == "9999")
        #expect(BcryptBase64.encode([0x00, 0x10, 0x83]) == "./AB")
    }
}

/// One pyca/bcrypt fixture from `Fixtures/bcrypt.json`.
struct BcryptFixture: Decodable, Sendable, CustomTestStringConvertible {
    let passwordHex: String
    let note: String
    let truncated: Bool
    let hash: String

    var testDescription: String { "\(note) \(hash.prefix(7))" }

    /// The password bytes (the full password, even where pyca/bcrypt was given only 72 bytes).
    var password: [UInt8] {
        var bytes = [UInt8]()
        var index = passwordHex.startIndex
        while index < passwordHex.endIndex {
            let next = passwordHex.index(index, offsetBy: 2)
            bytes.append(UInt8(passwordHex[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}

/// The fixtures, loaded from the test bundle's `Fixtures` folder.
func loadBcryptFixtures() throws -> [BcryptFixture] {
    struct Document: Decodable { let vectors: [BcryptFixture] }
    let url = try #require(Bundle.module.url(forResource: "bcrypt", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(Document.self, from: Data(contentsOf: url)).vectors
}

@Suite("bcrypt interoperability with pyca/bcrypt")
struct BcryptInteroperabilityTests {
    @Test("the fixture file holds at least 20 vectors")
    func fixtureCount() throws {
        #expect(try loadBcryptFixtures().count >= 20)
    }

    @Test("verifies and reproduces every pyca/bcrypt hash", arguments: try loadBcryptFixtures())
    func fixture(fixture: BcryptFixture) throws {
        let parsed = try BcryptHash(parsing: fixture.hash)
        #expect(try parsed.verify(fixture.password))
        // A 73rd byte is ignored, so an extra byte only matters below the 72-byte limit.
        #expect(try parsed.verify(fixture.password + [0x21]) == (fixture.password.count >= 72))
        let rebuilt = try BcryptHash(
            hashing: fixture.password, salt: parsed.salt, cost: parsed.cost, variant: parsed.variant)
        #expect(rebuilt.encoded == fixture.hash)
        if fixture.truncated {
            #expect(try parsed.verify(Array(fixture.password.prefix(72))))
        }
    }
}
