import COpenSSL

/// Algorithms fetched from libcrypto once per process.
///
/// OpenSSL 3 looks an algorithm up by name on every implicit use (`EVP_sha256()`, `HMAC()`), which costs
/// more than the work itself for short inputs. Fetching once and reusing the handle removes that cost.
/// The handles are immutable and libcrypto documents them as safe to share between threads.
package enum LibCrypto {
    /// An immutable libcrypto handle; safe to share because libcrypto never mutates fetched algorithms.
    package struct Handle: @unchecked Sendable {
        package let pointer: OpaquePointer
    }

    package static let sha1 = fetchDigest("SHA1")
    package static let sha256 = fetchDigest("SHA256")
    package static let sha512 = fetchDigest("SHA512")
    package static let hmac = fetchMAC("HMAC")
    package static let aes256GCM = fetchCipher("AES-256-GCM")

    private static func fetchDigest(_ name: String) -> Handle {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            fatalError("libcrypto has no \(name) digest; the OpenSSL installation is broken")
        }
        return Handle(pointer: md)
    }

    private static func fetchMAC(_ name: String) -> Handle {
        guard let mac = EVP_MAC_fetch(nil, name, nil) else {
            fatalError("libcrypto has no \(name) MAC; the OpenSSL installation is broken")
        }
        return Handle(pointer: mac)
    }

    private static func fetchCipher(_ name: String) -> Handle {
        guard let cipher = EVP_CIPHER_fetch(nil, name, nil) else {
            fatalError("libcrypto has no \(name) cipher; the OpenSSL installation is broken")
        }
        return Handle(pointer: cipher)
    }

    /// `count` as the 32-bit length most libcrypto calls take.
    ///
    /// - Throws: ``AuthCoreError/invalidParameter`` when `count` does not fit, instead of the trap a
    ///   plain `Int32(count)` would be.
    package static func int32Length(_ count: Int, of what: String) throws(AuthCoreError) -> Int32 {
        guard count >= 0, let length = Int32(exactly: count) else {
            throw AuthCoreError(
                .invalidParameter, "the \(what) is \(count) bytes, over the \(Int32.max) libcrypto accepts")
        }
        return length
    }

    /// The most recent libcrypto error as text, and clears the queue.
    package static func lastError() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return "unknown libcrypto error" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
