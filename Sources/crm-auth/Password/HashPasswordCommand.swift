import ArgumentParser
import AuthCore
import PasswordHashing

/// `crm-auth password hash`
struct HashPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Hash the password read from standard input and print the stored-hash string.",
        discussion: """
            One trailing newline is removed from the input, and the password is normalized (NFKC) before \
            it is hashed, as the library always does. Argon2 and scrypt print PHC strings, PBKDF2 \
            prints passlib's layout, bcrypt prints a modular-crypt $2b$ string (or passlib's $bcrypt-sha256$ \
            with --bcrypt-prehash). Options are checked against the library's default limits, the ones \
            `crm-auth password verify` applies, before any work starts: out-of-range or too costly options \
            exit with status 2 and a message.
            """
    )

    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case argon2id, argon2i, argon2d, bcrypt, scrypt
        case pbkdf2SHA256 = "pbkdf2-sha256"
        case pbkdf2SHA512 = "pbkdf2-sha512"
    }

    @Option(help: "The algorithm: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .argon2id

    @Option(name: .customLong("memory"), help: "Argon2 memory in KiB (at most 262144).")
    var memoryKiB: UInt32 = Argon2Parameters.owasp.memoryKiB

    @Option(
        name: .customLong("iterations"),
        help: "Argon2 passes (t), or PBKDF2 iterations (default 600000 for SHA-256, 210000 for SHA-512).")
    var iterations: Int?

    @Option(help: "Argon2 lanes (p), or scrypt parallelism (default 1).")
    var parallelism: Int = 1

    @Option(help: "bcrypt cost, 4...31 (at most 13 within the default limits).")
    var cost: Int = 12

    @Flag(
        help: "bcrypt: pre-hash with HMAC-SHA256 (passlib bcrypt_sha256 v2) so passwords over 72 bytes count in full.")
    var bcryptPrehash = false

    @Option(name: .customLong("log-n"), help: "scrypt: log2 of N.")
    var logN: Int = 17

    @Option(name: .customLong("block-size"), help: "scrypt: block size r.")
    var blockSize: Int = 8

    func run() async throws {
        let password = try StandardInput.readPassword()
        let chosen: PasswordAlgorithm
        switch algorithm {
        case .argon2id, .argon2i, .argon2d:
            guard let variant = Argon2Variant(rawValue: algorithm.rawValue),
                let t = UInt32(exactly: iterations ?? 2), let p = UInt32(exactly: parallelism)
            else { throw StandardInput.fail("--iterations and --parallelism must be non-negative 32-bit numbers") }
            chosen = .argon2(Argon2Parameters(variant: variant, memoryKiB: memoryKiB, iterations: t, parallelism: p))
        case .bcrypt:
            chosen = .bcrypt(cost: cost, mode: bcryptPrehash ? .preHashSHA256 : .rejectLongPasswords)
        case .scrypt:
            chosen = .scrypt(logN: logN, r: blockSize, p: parallelism)
        case .pbkdf2SHA256:
            chosen = .pbkdf2(.sha256, iterations: iterations ?? 600_000)
        case .pbkdf2SHA512:
            chosen = .pbkdf2(.sha512, iterations: iterations ?? 210_000)
        }
        // The default limits apply, as they do to `crm-auth password verify`: a hash that command would
        // refuse is useless, and the limits keep every option, however hostile, from trapping, exhausting
        // memory or running for hours. Everything is checked before any work starts.
        let configuration = PasswordHasher.Configuration(algorithm: chosen)
        let pool = HashingPool(workerCount: 1, queueLimit: 0)
        defer { pool.shutdown() }
        do {
            try configuration.validate()
            try PasswordHasher(pool: pool).checkWork(.of(chosen), of: "a hash with these options")
            print(try await PasswordHasher(configuration: configuration, pool: pool).hash(password))
        } catch {
            throw StandardInput.fail(error.reason.isEmpty ? "\(error.code)" : error.reason)
        }
    }
}
