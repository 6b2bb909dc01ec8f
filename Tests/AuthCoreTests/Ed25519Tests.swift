import AuthCore
import Testing

@Suite("Ed25519 signing and verification")
struct Ed25519Tests {
    /// RFC 8032 §7.1, TEST 1 to TEST 3: secret key, public key, message, signature.
    @Test(
        "RFC 8032 section 7.1 vectors",
        arguments: [
            (
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            ),
            (
                "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
            ),
            (
                "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
            ),
        ])
    func rfc8032(secret: String, publicKey: String, message: String, signature: String) throws {
        let key = try Ed25519SigningKey(id: "rfc8032", seed: hex(secret))
        #expect(key.publicKey.bytes == hex(publicKey))
        #expect(try key.signature(for: hex(message)) == hex(signature))
        #expect(key.publicKey.isValidSignature(hex(signature), for: hex(message)))
    }

    @Test("a changed message, signature or key fails verification")
    func tampering() throws {
        let key = try Ed25519SigningKey.generate(id: "k1")
        let message = bytes("checkpoint 42")
        var signature = try key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: bytes("checkpoint 43")))
        let other = try Ed25519SigningKey.generate(id: "k2")
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
        signature[10] ^= 1
        #expect(!key.publicKey.isValidSignature(signature, for: message))
    }

    @Test("malformed keys and ids are typed errors")
    func malformed() throws {
        #expect(throws: AuthCoreError.invalidKey) {
            try Ed25519SigningKey(id: "k", seed: [UInt8](repeating: 1, count: 31))
        }
        #expect(throws: AuthCoreError.invalidKey) {
            try Ed25519PublicKey(id: "k", bytes: [UInt8](repeating: 1, count: 33))
        }
        #expect(throws: AuthCoreError.invalidKey) {
            try Ed25519SigningKey(id: "has space", seed: [UInt8](repeating: 1, count: 32))
        }
        #expect(throws: AuthCoreError.invalidKey) {
            try Ed25519SigningKey(id: "", seed: [UInt8](repeating: 1, count: 32))
        }
    }
}
