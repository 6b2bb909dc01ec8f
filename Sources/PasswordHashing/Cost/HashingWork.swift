package import AuthCore

/// An estimate of how long one hash takes, used to compare a stored hash's cost with the policy's.
///
/// The unit is nanoseconds on the reference machine of Documentation/Performance.md (2 cores, OpenSSL
/// 3.0); only ratios between estimates matter, so the model stays valid on faster or slower machines.
/// Every computation saturates at `UInt64.max` instead of overflowing, whatever the parameters.
package struct HashingWork: Sendable, Hashable, Comparable {
    /// Estimated nanoseconds on the reference machine; `UInt64.max` means "too large to represent".
    package var nanoseconds: UInt64

    package init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    // Measured costs (Documentation/Performance.md): Argon2id m=19456 KiB t=2 takes 19-22 ms, so one 1 KiB
    // block pass ~500 ns; bcrypt cost 10 takes 55 ms, so one of its 2^cost rounds ~53.7 us; scrypt
    // N=2^17 r=8 p=1 takes 415 ms, so one unit of N*r*p ~396 ns; PBKDF2-HMAC-SHA256 600,000 iterations
    // take 171 ms, ~285 ns per iteration per output block, with SHA-1 as fast and SHA-512 ~2.3x slower.
    private static let argon2BlockPass: UInt64 = 500
    private static let bcryptRound: UInt64 = 53_700
    private static let scryptUnit: UInt64 = 396

    private static func pbkdf2Iteration(_ hash: HashFunction) -> UInt64 {
        switch hash {
        case .sha1, .sha256: 285
        case .sha512: 650
        }
    }

    /// Argon2: m blocks of 1 KiB, each computed t times (RFC 9106 §3.2).
    package static func argon2(memoryKiB: UInt32, iterations: UInt32) -> HashingWork {
        HashingWork(nanoseconds: product(UInt64(memoryKiB), UInt64(iterations), argon2BlockPass))
    }

    /// bcrypt: 2^cost rounds of the expensive key schedule.
    package static func bcrypt(cost: Int) -> HashingWork {
        guard cost < 64 else { return HashingWork(nanoseconds: .max) }
        return HashingWork(nanoseconds: product(UInt64(1) << UInt64(max(0, cost)), bcryptRound))
    }

    /// scrypt: p independent ROMix runs, each 2N BlockMix calls over 2r Salsa20/8 cores (RFC 7914).
    package static func scrypt(logN: Int, r: Int, p: Int) -> HashingWork {
        guard logN < 64 else { return HashingWork(nanoseconds: .max) }
        let n = UInt64(1) << UInt64(max(0, logN))
        return HashingWork(nanoseconds: product(n, UInt64(clamping: r), UInt64(clamping: p), scryptUnit))
    }

    /// PBKDF2: every iteration runs once per output block of the digest's length (RFC 8018 §5.2).
    package static func pbkdf2(_ hash: HashFunction, iterations: Int, keyLength: Int) -> HashingWork {
        let blocks = (UInt64(clamping: keyLength) + UInt64(hash.digestLength) - 1) / UInt64(hash.digestLength)
        return HashingWork(
            nanoseconds: product(UInt64(clamping: iterations), max(1, blocks), pbkdf2Iteration(hash)))
    }

    /// The work of one hash under `algorithm` (PBKDF2 producing one digest's length, as new hashes do).
    package static func of(_ algorithm: PasswordAlgorithm) -> HashingWork {
        switch algorithm {
        case .argon2(let parameters): argon2(memoryKiB: parameters.memoryKiB, iterations: parameters.iterations)
        case .bcrypt(let cost, _): bcrypt(cost: cost)
        case .scrypt(let logN, let r, let p): scrypt(logN: logN, r: r, p: p)
        case .pbkdf2(let hash, let iterations): pbkdf2(hash, iterations: iterations, keyLength: hash.digestLength)
        }
    }

    /// `self` times `factor`, saturating.
    package func times(_ factor: Int) -> HashingWork {
        HashingWork(nanoseconds: Self.product(nanoseconds, UInt64(clamping: factor)))
    }

    /// How many times `reference` this is, rounded up (for messages); saturates.
    package func ratio(to reference: HashingWork) -> UInt64 {
        guard reference.nanoseconds > 0 else { return .max }
        let (quotient, remainder) = nanoseconds.quotientAndRemainder(dividingBy: reference.nanoseconds)
        return remainder == 0 ? quotient : quotient &+ (quotient == .max ? 0 : 1)
    }

    /// The product of `factors`, or `UInt64.max` if it does not fit.
    private static func product(_ factors: UInt64...) -> UInt64 {
        var result: UInt64 = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return .max }
            result = next
        }
        return result
    }
}
