import COpenSSL

/// A cryptographic hash function from the SHA family.
///
/// ```swift
/// let digest = HashFunction.sha256.digest(Array("abc".utf8))
/// ```
public enum HashFunction: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SHA-1 (FIPS 180-4). Only for HOTP/TOTP and verifying legacy hashes.
    case sha1 = "SHA1"
    /// SHA-256 (FIPS 180-4).
    case sha256 = "SHA256"
    /// SHA-512 (FIPS 180-4).
    case sha512 = "SHA512"

    /// The digest length in bytes.
    public var digestLength: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }

    /// The internal block length in bytes (the HMAC pad length).
    public var blockLength: Int {
        switch self {
        case .sha1, .sha256: 64
        case .sha512: 128
        }
    }

    public var description: String { rawValue }

    package var evpMD: OpaquePointer {
        switch self {
        case .sha1: LibCrypto.sha1.pointer
        case .sha256: LibCrypto.sha256.pointer
        case .sha512: LibCrypto.sha512.pointer
        }
    }

    /// The digest of `message`.
    public func digest(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { digest($0) }
    }

    /// The digest of the bytes in `message`.
    public func digest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: digestLength) { buffer, initialized in
            digest(message, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = digestLength
        }
    }

    /// Writes the digest of `message` to the first ``digestLength`` bytes of `output`, allocating nothing.
    package func digest(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        DigestState.digest(self, of: message, into: output)
    }

    /// The digest of the UTF-8 bytes of `message`.
    public func digest(_ message: String) -> [UInt8] {
        var message = message
        return message.withUTF8 { digest(UnsafeRawBufferPointer($0)) }
    }
}
