import FuzzSupport
import PasswordHashing

// Stored password hashes in every format PasswordHasher parses: PHC Argon2 and scrypt, bcrypt
// ($2a$/$2b$/$2y$), passlib's $bcrypt-sha256$ and $pbkdf2-*$, Django's pbkdf2_sha256, pbkdf2_sha1,
// argon2, bcrypt_sha256, bcrypt and scrypt, ASP.NET Identity v2/v3 blobs, and the pepper envelope.
//
// Every input is parsed under the default limits (canVerify, algorithm(of:)). A hash that also fits
// tiny limits (at most 64 KiB and 2 passes of Argon2, bcrypt cost 5, 64 KiB of scrypt, 2,000 PBKDF2
// iterations) is verified too, so the hashing code runs on hostile parameters at little cost.

/// A hasher with the default limits and a pepper, so the envelope's inner hash is parsed too.
let standard = PasswordHasher(configuration: configuration(limits: .default))

/// A hasher whose limits keep every verification to a few milliseconds.
let tiny: PasswordHasher = {
    var limits = HashingLimits()
    limits.maxArgon2MemoryKiB = 64
    limits.maxArgon2Iterations = 2
    limits.maxArgon2Parallelism = 4
    limits.maxBcryptCost = 5
    limits.maxScryptMemoryBytes = 64 << 10
    limits.maxPBKDF2Iterations = 2_000
    limits.maxSaltOrHashBytes = 256
    return PasswordHasher(
        configuration: configuration(limits: limits), pool: HashingPool(workerCount: 1, queueLimit: 1))
}()

/// The password every verification tries.
let password = try! NormalizedPassword("password")

func configuration(limits: HashingLimits) -> PasswordHasher.Configuration {
    var configuration = PasswordHasher.Configuration()
    configuration.limits = limits
    // Peppered fixtures use `k=fuzz`; the key itself does not matter.
    configuration.pepper = try! Pepper(id: "fuzz", key: Array(repeating: 0x5a, count: 32))
    return configuration
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzStoredHashes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let stored = FuzzInput(data, size).text

    let verifiable = standard.canVerify(stored)
    if let algorithm = try? standard.algorithm(of: stored) {
        _ = algorithm.description
    } else {
        fuzzCheck(!verifiable, "canVerify accepted a hash algorithm(of:) rejects")
    }

    guard tiny.canVerify(stored) else { return 0 }
    fuzzCheck(verifiable, "a hash within the tiny limits is beyond the default ones")
    let outcome = runBlocking { () -> Result<PasswordVerification, PasswordHashingError> in
        do throws(PasswordHashingError) {
            return .success(try await tiny.verify(password, against: stored))
        } catch {
            return .failure(error)
        }
    }
    if case .success(let verification) = outcome {
        fuzzCheck(verification.matches || !verification.needsRehash, "a non-match asks for a rehash")
    }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzStoredHashes) }
}
