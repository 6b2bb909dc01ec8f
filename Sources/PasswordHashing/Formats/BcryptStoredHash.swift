import AuthCore

/// A bcrypt hash with the way its password was fed to bcrypt.
///
/// Layouts: plain modular crypt `$2b$12$<salt><hash>`; passlib's `$bcrypt-sha256$v=2,t=2b,r=12$<salt>$<hash>`
/// (password reduced to Base64(HMAC-SHA256(key: salt text, password))); Django's
/// `bcrypt_sha256$$2b$...` (password reduced to hex SHA-256) and `bcrypt$$2b$...`.
package struct BcryptStoredHash: StoredHash {
    /// How the password is reduced before bcrypt sees it.
    package enum Reduction: Sendable, Hashable {
        /// Raw bytes, truncated at 72 as every bcrypt implementation does.
        case none
        /// passlib `bcrypt_sha256` v2: Base64(HMAC-SHA256(key: the 22-character salt, message: password)).
        case passlibHMACSHA256
        /// Django `bcrypt_sha256`: lower-case hex of SHA-256(password).
        case djangoSHA256Hex
        /// passlib `bcrypt_sha256` v1: Base64(SHA-256(password)).
        case passlibSHA256V1
    }

    package var bcrypt: BcryptHash
    package var reduction: Reduction
    /// The text before the bcrypt string (`bcrypt$` or `bcrypt_sha256$` for Django), kept for re-encoding.
    package var djangoPrefix: String?

    package var algorithm: PasswordAlgorithm {
        .bcrypt(cost: bcrypt.cost, mode: reduction == .none ? .legacyTruncating : .preHashSHA256)
    }

    package init(bcrypt: BcryptHash, reduction: Reduction, djangoPrefix: String? = nil) {
        self.bcrypt = bcrypt
        self.reduction = reduction
        self.djangoPrefix = djangoPrefix
    }

    /// Parses passlib's `$bcrypt-sha256$v=2,t=2b,r=12$<salt>$<hash>`.
    package init(passlibSHA256 text: String) throws(PasswordHashingError) {
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == "bcrypt-sha256" else {
            throw PasswordHashingError(
                .malformedHash, "a passlib bcrypt-sha256 hash is $bcrypt-sha256$v=2,t=2b,r=NN$salt$hash")
        }
        // Version 1 writes `$bcrypt-sha256$2b,12$salt$hash`.
        let v1 = fields[2].split(separator: ",", omittingEmptySubsequences: false)
        if v1.count == 2, ["2a", "2b"].contains(v1[0]), (1...2).contains(v1[1].utf8.count), let cost = Int(v1[1]) {
            let costText = cost < 10 ? "0\(cost)" : "\(cost)"
            let inner = try BcryptHash(parsing: "$\(v1[0])$\(costText)$\(fields[3])\(fields[4])")
            self.init(bcrypt: inner, reduction: .passlibSHA256V1)
            return
        }
        var version: Substring?
        var variant: Substring?
        var rounds: Substring?
        for pair in fields[2].split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw PasswordHashingError(.malformedHash, "bad bcrypt-sha256 parameter") }
            switch parts[0] {
            case "v": version = parts[1]
            case "t": variant = parts[1]
            case "r": rounds = parts[1]
            default: throw PasswordHashingError(.malformedHash, "unknown bcrypt-sha256 parameter \(parts[0])")
            }
        }
        guard version == "2" else {
            throw PasswordHashingError(.unsupportedAlgorithm, "only version 2 of passlib bcrypt-sha256 is supported")
        }
        guard let variant, let rounds, rounds.utf8.count <= 2, let cost = Int(rounds) else {
            throw PasswordHashingError(.malformedHash, "the bcrypt-sha256 hash lacks t= or r=")
        }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        let inner = try BcryptHash(parsing: "$\(variant)$\(costText)$\(fields[3])\(fields[4])")
        self.init(bcrypt: inner, reduction: .passlibHMACSHA256)
    }

    package var encoded: String {
        switch reduction {
        case .passlibHMACSHA256:
            let plain = bcrypt.encoded
            let salt = plain.dropFirst(7).prefix(22)
            let checksum = plain.dropFirst(29)
            return "$bcrypt-sha256$v=2,t=\(bcrypt.variant.rawValue),r=\(bcrypt.cost)$\(salt)$\(checksum)"
        case .passlibSHA256V1:
            let plain = bcrypt.encoded
            let salt = plain.dropFirst(7).prefix(22)
            let checksum = plain.dropFirst(29)
            return "$bcrypt-sha256$\(bcrypt.variant.rawValue),\(bcrypt.cost)$\(salt)$\(checksum)"
        case .none, .djangoSHA256Hex:
            return (djangoPrefix ?? "") + bcrypt.encoded
        }
    }

    /// passlib's v1 and Django's pre-hash are plain SHA-256 of the password, not keyed by the salt, so a
    /// leaked unsalted SHA-256 of the password can be tried against them directly ("password shucking");
    /// passlib v2's HMAC keyed by the salt closes that. Both are upgraded on the next login.
    package var usesOutdatedLayout: Bool {
        reduction == .passlibSHA256V1 || reduction == .djangoSHA256Hex
    }

    package func enforce(_ limits: HashingLimits) throws(PasswordHashingError) {
        guard bcrypt.cost <= limits.maxBcryptCost else {
            throw PasswordHashingError(
                .exceedsLimits, "bcrypt cost \(bcrypt.cost) exceeds the limit of \(limits.maxBcryptCost)")
        }
    }

    package func verify(_ password: [UInt8], workspace: HashingWorkspace) throws(PasswordHashingError) -> Bool {
        let input = Self.reduce(password, reduction, saltText: saltText)
        let checksum = try BcryptEngine.checksum(password: input, salt: bcrypt.salt, cost: bcrypt.cost)
        return ConstantTime.equals(checksum, bcrypt.checksum)
    }

    private var saltText: [UInt8] { Array(bcrypt.encoded.utf8.dropFirst(7).prefix(22)) }

    static func reduce(_ password: [UInt8], _ reduction: Reduction, saltText: [UInt8]) -> [UInt8] {
        switch reduction {
        case .none:
            return password
        case .passlibHMACSHA256:
            return Array(
                Base64.standard.encode(HMAC.authenticationCode(for: password, key: saltText, using: .sha256)).utf8)
        case .passlibSHA256V1:
            return Array(Base64.standard.encode(HashFunction.sha256.digest(password)).utf8)
        case .djangoSHA256Hex:
            let hex = Array("0123456789abcdef".utf8)
            return HashFunction.sha256.digest(password).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }
        }
    }

    /// A new bcrypt hash of `password` under `mode`.
    package static func make(_ password: [UInt8], cost: Int, mode: BcryptPasswordMode) throws(PasswordHashingError)
        -> BcryptStoredHash
    {
        guard (4...31).contains(cost) else {
            throw PasswordHashingError(.parameterOutOfRange, "bcrypt cost must be 4...31")
        }
        let salt = SecureRandom.bytes(count: 16)
        var hash = BcryptHash(variant: .b, cost: cost, salt: salt, checksum: [UInt8](repeating: 0, count: 23))
        let reduction: Reduction
        switch mode {
        case .rejectLongPasswords:
            guard password.count <= 72 else {
                throw PasswordHashingError(
                    .passwordTooLong,
                    "bcrypt reads at most 72 bytes and this policy refuses longer passwords; choose preHashSHA256 or Argon2id"
                )
            }
            reduction = .none
        case .preHashSHA256:
            reduction = .passlibHMACSHA256
        case .legacyTruncating:
            throw PasswordHashingError(
                .parameterOutOfRange, "legacyTruncating is for verifying old hashes, never for new ones")
        }
        let saltText = Array(hash.encoded.utf8.dropFirst(7).prefix(22))
        hash.checksum = try BcryptEngine.checksum(
            password: reduce(password, reduction, saltText: saltText), salt: salt, cost: cost)
        return BcryptStoredHash(bcrypt: hash, reduction: reduction)
    }
}
