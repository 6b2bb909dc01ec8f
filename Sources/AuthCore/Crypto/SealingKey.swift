/// A 256-bit AES-GCM key with the identifier stored beside everything it seals.
///
/// The identifier lets a ``KeyRing`` pick the right key when opening old ciphertexts after rotation.
public struct SealingKey: Sendable, Redacting {
    /// The key's identifier: 1 to 64 bytes of printable ASCII.
    public let id: String
    package let material: [UInt8]

    /// Creates a key from 32 bytes of key material.
    ///
    /// - Throws: ``AuthCoreError/invalidKey`` if the material is not 32 bytes or the id is not
    ///   1 to 64 printable ASCII characters.
    public init(id: String, material: [UInt8]) throws(AuthCoreError) {
        guard material.count == 32 else {
            throw AuthCoreError(.invalidKey, "an AES-256 key is 32 bytes, got \(material.count)")
        }
        guard (1...64).contains(id.utf8.count), id.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw AuthCoreError(.invalidKey, "a key id is 1 to 64 printable ASCII characters without spaces")
        }
        self.id = id
        self.material = material
    }

    /// A new random key.
    public static func generate(id: String) throws(AuthCoreError) -> SealingKey {
        try SealingKey(id: id, material: SecureRandom.bytes(count: 32))
    }

    /// Shows the id only; `dump` and `Mirror` show no key material either.
    public var redactedDescription: String { "SealingKey(id: \(id), material: <redacted>)" }
}
