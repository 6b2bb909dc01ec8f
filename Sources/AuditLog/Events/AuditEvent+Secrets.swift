extension AuditEvent {
    /// Metadata key words that name a secret; a key holding one as a segment (split at `_`, `.`, `-`)
    /// is refused, so `new_password` or `session.token` never becomes a column of the audit trail.
    static let secretKeyWords: Set<Substring> = [
        "password", "passwd", "passphrase", "pwd", "secret", "token", "otp", "totp", "pin", "seed", "pepper",
        "cookie", "credential", "credentials", "apikey", "private", "code", "codes",
    ]

    /// Fragments of credential formats: CRMAuth's session, refresh and one-time tokens, PHC and
    /// modular-crypt password hashes, `otpauth:` URIs (they carry the TOTP secret) and PEM keys.
    static let secretFragments: [String] = [
        "crm_s_", "crm_r_", "crm_o_", "$argon2", "$2a$", "$2b$", "$2y$", "$scrypt$", "$pbkdf2", "$7$",
        "otpauth:", "-----BEGIN",
    ]

    /// Refuses the event if a metadata key names a secret or any text holds a credential's format.
    ///
    /// A heuristic on top of the rule that matters (events take plain text the caller builds, and
    /// CRMAuth's secret types print `<redacted>`): it stops the likeliest mistakes, such as logging a
    /// request's form fields or a token as metadata.
    func refuseSecretLikeValues() throws(AuditError) {
        for key in metadata.keys {
            let words = key.split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" })
            if words.contains(where: { Self.secretKeyWords.contains($0) }) {
                throw AuditError(.secretLikeValue, "the metadata key \(key) names a secret")
            }
        }
        let texts = [reason, userAgent, sourceAddress].compactMap { $0 } + Array(metadata.values)
        for text in texts where Self.secretFragments.contains(where: { text.contains($0) }) {
            throw AuditError(.secretLikeValue, "a field holds text in a credential's format")
        }
    }
}
