import COpenSSL

/// Password-based key derivation functions from libcrypto.
///
/// Both functions validate their parameters before calling libcrypto, so a hostile input
/// produces ``AuthCoreError/invalidParameter`` instead of a crash or an unbounded allocation.
public enum KeyDerivation {
    /// PBKDF2 with HMAC (RFC 8018 §5.2).
    ///
    /// - Parameters:
    ///   - password: the password bytes.
    ///   - salt: the salt bytes.
    ///   - iterations: the iteration count, 1 or more.
    ///   - hash: the HMAC hash function.
    ///   - keyLength: the output length in bytes, 1 ... 1024.
    public static func pbkdf2(
        password: [UInt8], salt: [UInt8], iterations: Int, hash: HashFunction, keyLength: Int
    ) throws(AuthCoreError) -> [UInt8] {
        guard iterations >= 1, iterations <= Int(Int32.max) else {
            throw AuthCoreError(.invalidParameter, "PBKDF2 iterations must be 1...\(Int32.max)")
        }
        guard (1...1024).contains(keyLength) else {
            throw AuthCoreError(.invalidParameter, "PBKDF2 key length must be 1...1024 bytes")
        }
        // libcrypto takes 32-bit lengths; a longer input would trap in the conversion below.
        let passwordLength = try LibCrypto.int32Length(password.count, of: "PBKDF2 password")
        let saltLength = try LibCrypto.int32Length(salt.count, of: "PBKDF2 salt")
        var output = [UInt8](repeating: 0, count: keyLength)
        // A trailing zero keeps the buffer non-empty, so an empty password still has an address.
        let paddedPassword = password + [0]
        let ok = paddedPassword.withUnsafeBytes { pw in
            salt.withUnsafeBytes { s in
                output.withUnsafeMutableBytes { out in
                    PKCS5_PBKDF2_HMAC(
                        pw.baseAddress?.assumingMemoryBound(to: CChar.self), passwordLength,
                        s.baseAddress?.assumingMemoryBound(to: UInt8.self), saltLength,
                        Int32(iterations), hash.evpMD, Int32(keyLength),
                        out.baseAddress?.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        guard ok == 1 else { throw AuthCoreError(.cryptoFailure, "PBKDF2: \(LibCrypto.lastError())") }
        return output
    }

    /// scrypt (RFC 7914).
    ///
    /// - Parameters:
    ///   - password: the password's bytes.
    ///   - salt: the salt's bytes.
    ///   - n: the CPU/memory cost, a power of two greater than 1.
    ///   - r: the block size, 1 or more.
    ///   - p: the parallelization, 1 or more, with `p * r < 2^30`.
    ///   - keyLength: the output length in bytes, 1 ... 1024.
    ///   - maxMemory: the most memory (bytes) the derivation may use; `128 * r * (n + p + 2)` must fit.
    public static func scrypt(
        password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, keyLength: Int,
        maxMemory: UInt64
    ) throws(AuthCoreError) -> [UInt8] {
        guard n > 1, n & (n - 1) == 0, n < (1 << 63) else {
            throw AuthCoreError(.invalidParameter, "scrypt N must be a power of two greater than 1")
        }
        guard r >= 1, p >= 1, r <= UInt64(UInt32.max), p <= UInt64(UInt32.max),
            r.multipliedReportingOverflow(by: p).partialValue < (1 << 30)
        else {
            throw AuthCoreError(.invalidParameter, "scrypt r and p must be at least 1 with r * p < 2^30")
        }
        guard (1...1024).contains(keyLength) else {
            throw AuthCoreError(.invalidParameter, "scrypt key length must be 1...1024 bytes")
        }
        // RFC 7914 §2: N must be less than 2^(128 * r / 8).
        guard 16 * r >= 64 || n < (1 << (16 * r)) else {
            throw AuthCoreError(.invalidParameter, "scrypt N must be less than 2^(16 * r) (RFC 7914 §2)")
        }
        let (blocks, o1) = n.addingReportingOverflow(p + 2)
        let (perBlock, o2) = r.multipliedReportingOverflow(by: 128)
        let (needed, o3) = blocks.multipliedReportingOverflow(by: perBlock)
        guard !o1, !o2, !o3, needed <= maxMemory else {
            throw AuthCoreError(.invalidParameter, "scrypt parameters need more than \(maxMemory) bytes")
        }
        // libcrypto is given the need plus 1 MiB of headroom; the sum must neither overflow nor
        // exceed what one allocation can address (a caller may pass `maxMemory: .max`).
        let (allowance, o4) = needed.addingReportingOverflow(Self.scryptHeadroom)
        guard !o4, allowance <= UInt64(Int.max) else {
            throw AuthCoreError(
                .invalidParameter, "scrypt parameters need \(needed) bytes, more than one allocation can hold")
        }
        var output = [UInt8](repeating: 0, count: keyLength)
        // A trailing zero keeps the buffer non-empty, so an empty password still has an address.
        let paddedPassword = password + [0]
        let ok = paddedPassword.withUnsafeBytes { pw in
            salt.withUnsafeBytes { s in
                output.withUnsafeMutableBytes { out in
                    EVP_PBE_scrypt(
                        pw.baseAddress?.assumingMemoryBound(to: CChar.self), password.count,
                        s.baseAddress?.assumingMemoryBound(to: UInt8.self), s.count,
                        n, r, p, allowance,
                        out.baseAddress?.assumingMemoryBound(to: UInt8.self), keyLength)
                }
            }
        }
        guard ok == 1 else { throw AuthCoreError(.cryptoFailure, "scrypt: \(LibCrypto.lastError())") }
        return output
    }

    /// Memory libcrypto may use beyond the scrypt blocks themselves.
    private static let scryptHeadroom: UInt64 = 1024 * 1024

}
