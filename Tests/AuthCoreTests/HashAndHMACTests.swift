import AuthCore
import Testing

@Suite("HashFunction and HMAC")
struct HashAndHMACTests {
    /// FIPS 180-2 Appendix examples ("abc").
    @Test(
        "SHA digests of \"abc\"",
        arguments: [
            (HashFunction.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                .sha512,
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
            ),
        ])
    func digest(hash: HashFunction, expected: String) {
        #expect(hash.digest(bytes("abc")) == hex(expected))
        #expect(hash.digest("abc") == hex(expected))
        #expect(hash.digest(bytes("abc")).count == hash.digestLength)
    }

    /// RFC 4231 test case 1 (SHA-256, SHA-512) and RFC 2202 test case 1 (SHA-1).
    @Test(
        "HMAC known answers, key 0x0b x 20, \"Hi There\"",
        arguments: [
            (HashFunction.sha1, "b617318655057264e28bc0b6fb378c8ef146be00"),
            (.sha256, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (
                .sha512,
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"
            ),
        ])
    func hmac(hash: HashFunction, expected: String) {
        let key = [UInt8](repeating: 0x0b, count: 20)
        #expect(HMAC.authenticationCode(for: bytes("Hi There"), key: key, using: hash) == hex(expected))
        let prepared = HMACKey(key, hash: hash)
        #expect(prepared.authenticationCode(for: bytes("Hi There")) == hex(expected))
        #expect(prepared.authenticationCode(for: bytes("Hi There")) == hex(expected))
    }

    /// RFC 4231 test case 6: a 131-byte key, longer than the block, is hashed first.
    @Test("HMAC-SHA256 with a key longer than the block")
    func hmacLongKey() {
        let key = [UInt8](repeating: 0xaa, count: 131)
        let mac = HMAC.authenticationCode(
            for: bytes("Test Using Larger Than Block-Size Key - Hash Key First"), key: key, using: .sha256)
        #expect(mac == hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"))
    }

    /// RFC 2202 test case 6 (SHA-1, 80-byte key) and RFC 4231 test case 6 (SHA-512, 131-byte key).
    @Test(
        "HMAC-SHA1 and HMAC-SHA512 with keys longer than the block",
        arguments: [
            (HashFunction.sha1, 80, "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
            (
                .sha512, 131,
                "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"
            ),
        ])
    func hmacLongKeys(hash: HashFunction, keyLength: Int, expected: String) {
        let key = [UInt8](repeating: 0xaa, count: keyLength)
        let message = bytes("Test Using Larger Than Block-Size Key - Hash Key First")
        #expect(HMACKey(key, hash: hash).authenticationCode(for: message) == hex(expected))
    }

    /// FIPS 180-2 Appendix B.3: one million "a", many blocks through one digest call.
    @Test("SHA-256 of a million \"a\"")
    func longDigest() {
        let message = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(
            HashFunction.sha256.digest(message)
                == hex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"))
    }

    /// The prepared key forks hash states absorbed once; RFC 2104's formula spelled out with one-shot
    /// digests must agree for every message length around the block boundaries, reusing one key.
    @Test(
        "a prepared key agrees with RFC 2104's formula for messages of 0 to 260 bytes", arguments: HashFunction.allCases
    )
    func preparedKeyMatchesFormula(hash: HashFunction) {
        let key = (0..<37).map { UInt8($0 * 7 & 0xff) }
        let block = key + [UInt8](repeating: 0, count: hash.blockLength - key.count)
        let prepared = HMACKey(key, hash: hash)
        for length in 0...260 {
            let message = (0..<length).map { UInt8($0 & 0xff) }
            let inner = hash.digest(block.map { $0 ^ 0x36 } + message)
            let expected = hash.digest(block.map { $0 ^ 0x5c } + inner)
            #expect(prepared.authenticationCode(for: message) == expected, "length \(length)")
        }
    }
}
