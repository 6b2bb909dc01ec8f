import AuthCore
import Testing

@Suite("Base32 and Base64")
struct EncodingTests {
    /// RFC 4648 §10 test vectors.
    @Test(
        "Base32 RFC 4648 vectors",
        arguments: [
            ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
        ])
    func base32(plain: String, encoded: String) throws {
        #expect(Base32.encode(bytes(plain), padding: true) == encoded)
        #expect(try Base32.decode(encoded) == bytes(plain))
        let unpadded = String(encoded.prefix { $0 != "=" })
        #expect(Base32.encode(bytes(plain)) == unpadded)
        #expect(try Base32.decode(unpadded.lowercased()) == bytes(plain))
    }

    @Test("Base32 accepts grouped secrets as people type them")
    func base32Grouped() throws {
        #expect(try Base32.decode("jbsw y3dp-ehpk 3pxp") == Base32.decode("JBSWY3DPEHPK3PXP"))
    }

    @Test("Base32 rejects malformed text", arguments: ["M", "MZX", "MZXW6Y", "MZ1W", "MZXW6YT!", "MY=A", "MZ", "é"])
    func base32Rejects(text: String) {
        #expect(throws: AuthCoreError.invalidEncoding) { try Base32.decode(text) }
    }

    @Test("Base32 refuses oversized input")
    func base32Oversized() {
        #expect(throws: AuthCoreError.invalidEncoding) {
            try Base32.decode(String(repeating: "A", count: 2000))
        }
    }

    /// RFC 4648 §10 test vectors.
    @Test(
        "Base64 RFC 4648 vectors",
        arguments: [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
        ])
    func base64(plain: String, encoded: String) throws {
        #expect(Base64.standard.encode(bytes(plain)) == encoded)
        #expect(try Base64.standard.decode(encoded) == bytes(plain))
        let unpadded = String(encoded.prefix { $0 != "=" })
        #expect(Base64.standardUnpadded.encode(bytes(plain)) == unpadded)
        #expect(try Base64.standardUnpadded.decode(unpadded) == bytes(plain))
    }

    @Test("Base64URL uses - and _ and no padding")
    func base64URL() throws {
        let data: [UInt8] = [0xfb, 0xff, 0xbf]
        #expect(Base64URL.encode(data) == "-_-_")
        #expect(Base64.standard.encode(data) == "+/+/")
        #expect(try Base64URL.decode("-_-_") == data)
        #expect(Base64URL.encode([0xff]) == "_w")
    }

    @Test("Base64 rejects malformed text", arguments: ["Z", "Zm9v!", "Zh==", "Zm9=v", "Zg===", "Z===", "Zm+v"])
    func base64Rejects(text: String) {
        #expect(throws: AuthCoreError.invalidEncoding) { try Base64.url.decode(text) }
    }
}
