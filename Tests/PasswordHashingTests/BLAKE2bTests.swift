import PasswordHashing
import Testing

/// One BLAKE2b known answer.
struct BLAKE2bVector: Sendable, CustomTestStringConvertible {
    let name: String
    let message: [UInt8]
    let key: [UInt8]
    let outputLength: Int
    let digest: String

    var testDescription: String { name }
}

/// Vectors: the first "abc" entry is RFC 7693 Appendix A; every digest was cross-checked with CPython's
/// `hashlib.blake2b(message, digest_size=outputLength, key=key).hexdigest()` (Python 3, libb2 reference).
private let blake2bVectors: [BLAKE2bVector] = [
    BLAKE2bVector(
        name: "RFC 7693 Appendix A: BLAKE2b-512(\"abc\")", message: ascii("abc"), key: [], outputLength: 64,
        digest: "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
    ),
    BLAKE2bVector(
        name: "empty input", message: [], key: [], outputLength: 64,
        digest: "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
            + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"
    ),
    BLAKE2bVector(
        name: "abc, 32-byte output", message: ascii("abc"), key: [], outputLength: 32,
        digest: "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"
    ),
    BLAKE2bVector(name: "abc, 1-byte output", message: ascii("abc"), key: [], outputLength: 1, digest: "6b"),
    BLAKE2bVector(
        name: "keyed, empty input (key 00...3f)", message: [], key: sequence(64), outputLength: 64,
        digest: "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
            + "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"
    ),
    BLAKE2bVector(
        name: "keyed, 255-byte input (key 00...3f)", message: sequence(255), key: sequence(64), outputLength: 64,
        digest: "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e9248"
            + "4be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461"
    ),
    BLAKE2bVector(
        name: "keyed with a short key, 16-byte output", message: ascii("abc"), key: ascii("key"), outputLength: 16,
        digest: "2cf02ae16ac225ee731f9d359d8a1c38"
    ),
    BLAKE2bVector(
        name: "keyed, 256-byte input, 33-byte output", message: sequence(256), key: repeated(0x6B, 64),
        outputLength: 33, digest: "fdec62b0d708fe4cdabe1dcb02dfe49a4e85629a45de9e3b08fa4890b14bc58b19"
    ),
    BLAKE2bVector(
        name: "exactly one block (128 bytes)", message: repeated(0x61, 128), key: [], outputLength: 64,
        digest: "fc6c71f688f43ea7d60817478808f3cac753e61571865c95adbc2d9122c943a7"
            + "6b92c2cb1047ef3fe7bf6e436ec1d0a99a9e5b216780bf7fed9d7ca91d3a8f3b"
    ),
    BLAKE2bVector(
        name: "one block plus a byte, 48-byte output", message: repeated(0x61, 129), key: [], outputLength: 48,
        digest: "d7a9fb931381834c12884bca2b81e183dc6a2e3f8633c9f0c9622cee4c7c725b"
            + "688f30a62189129f2329bf9d11172360"
    ),
    BLAKE2bVector(
        name: "two full blocks (256 bytes)", message: repeated(0x78, 256), key: [], outputLength: 64,
        digest: "26066ae992ec734e85f05f962b49e72bcb2be54fcb53bce7e7b4d7f4dc88f568"
            + "62235fd16b988877db71cc5e9bb50e489e884450fdb6f74968e6da7d1e493428"
    ),
    BLAKE2bVector(
        name: "1000 bytes (i mod 251), 20-byte output", message: (0..<1000).map { UInt8($0 % 251) }, key: [],
        outputLength: 20, digest: "fc9a2426db78846a07219bc181a52bae9a62eacc"
    ),
    BLAKE2bVector(
        name: "quick brown fox", message: ascii("The quick brown fox jumps over the lazy dog"), key: [],
        outputLength: 64,
        digest: "a8add4bdddfd93e4877d2746e62817b116364a1fa7bc148d95090bc7333b3673"
            + "f82401cf7aa2e4cb1ecd90296e3f14cb5413f8ed77be73045b13914cdcd6a918"
    ),
]

@Suite("BLAKE2b")
struct BLAKE2bTests {
    @Test("known answers (RFC 7693 Appendix A and hashlib.blake2b)", arguments: blake2bVectors)
    func knownAnswer(_ vector: BLAKE2bVector) {
        let digest = BLAKE2b.hash(vector.message, outputLength: vector.outputLength, key: vector.key)
        #expect(hex(digest) == vector.digest)
    }

    @Test("feeding input in pieces gives the one-shot digest", arguments: blake2bVectors)
    func incremental(_ vector: BLAKE2bVector) {
        for chunkSize in [1, 7, 64, 127, 128, 129] {
            var hasher = BLAKE2b(outputLength: vector.outputLength, key: vector.key)
            var offset = 0
            while offset < vector.message.count {
                let end = min(offset + chunkSize, vector.message.count)
                hasher.update(Array(vector.message[offset..<end]))
                offset = end
            }
            #expect(hex(hasher.finalize()) == vector.digest, "chunk size \(chunkSize)")
        }
    }

    @Test("H' with T <= 64 is BLAKE2b of LE32(T) || input (RFC 9106 §3.3)")
    func variableLengthShort() {
        let input = ascii("abc")
        for length in [1, 4, 32, 64] {
            let expected = BLAKE2b.hash([UInt8(length), 0, 0, 0] + input, outputLength: length)
            #expect(BLAKE2b.variableLength(input, outputLength: length) == expected)
        }
    }

    @Test("H' with T > 64 chains 32-byte halves of 64-byte hashes (RFC 9106 §3.3)")
    func variableLengthLong() {
        let input = ascii("abc")
        // T = 100: r = ceil(100/32) - 2 = 2; output is V1[0..<32] || V2[0..<32] || V3 (36 bytes).
        let v1 = BLAKE2b.hash([100, 0, 0, 0] + input, outputLength: 64)
        let v2 = BLAKE2b.hash(v1, outputLength: 64)
        let v3 = BLAKE2b.hash(v2, outputLength: 36)
        let expected = Array(v1[0..<32]) + Array(v2[0..<32]) + v3
        #expect(BLAKE2b.variableLength(input, outputLength: 100) == expected)
        #expect(BLAKE2b.variableLength(input, outputLength: 1024).count == 1024)
    }
}

private func sequence(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0) } }
