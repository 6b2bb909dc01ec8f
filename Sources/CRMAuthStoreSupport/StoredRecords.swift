package import AuditLog
import AuthCore
package import LockoutPolicy
package import LoginFlow
package import PasswordPolicy
package import SessionTokens

// Every stored record rebuilt from its columns, once for both backends. Column names are the tables'
// (the same in SQLite and PostgreSQL); each function checks what the types cannot (a digest's length,
// a key matching its identifier, a positive version) and names the damaged column.

extension User {
    /// A `users` row.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> User {
        let email = try row.parsed("email_text") { try LoginIdentifier(email: $0) }
        guard ExactText(email.key) == ExactText(try row.text("email_key")) else {
            throw row.corrupted("email_key", "does not match email_text")
        }
        let username = try row.optionalParsed("username_text") { try LoginIdentifier(username: $0) }
        let usernameKey = try row.optionalText("username_key")
        guard ExactText(username?.key ?? "") == ExactText(usernameKey ?? ""), (username == nil) == (usernameKey == nil)
        else { throw row.corrupted("username_key", "does not match username_text") }
        return User(
            id: try row.parsed("id") { try UserID($0) },
            email: email,
            username: username,
            displayName: try row.text("display_name"),
            status: try row.parsed("status") { try enumValue(UserStatus.self, $0) },
            homeTenant: try row.optionalParsed("home_tenant") { try TenantID($0) },
            passwordHash: try row.optionalText("password_hash"),
            passwordChangedAt: try row.optionalDate("password_changed_at"),
            passwordChangeRequired: try row.bool("password_change_required"),
            securityStamp: try row.text("security_stamp"),
            mfa: try row.parsed("mfa") { try enumValue(MFARequirement.self, $0) },
            externalIdentities: try row.parsed("external_identities") {
                // Most accounts have none: no JSON decoder for the empty list every lookup reads.
                $0 == "[]" ? [] : try JSONText.decode([ExternalIdentity].self, $0)
            },
            createdAt: try row.date("created_at"),
            lastLoginAt: try row.optionalDate("last_login_at"),
            version: try row.unsigned("version", minimum: 1)
        )
    }
}

extension StoredRow {
    /// A 32-byte token digest in `column` (checked, not returned: rows keep it for lookups only).
    package func checkDigest(_ column: String = "digest") throws(Failure) {
        _ = try bytes(column, as: "a 32-byte digest") { try TokenDigest(bytes: $0) }
    }
}

extension Session {
    /// A `sessions` row.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> Session {
        try row.checkDigest()
        return Session(
            id: SessionID(rawValue: try row.text("id")),
            userID: try row.parsed("user_id") { try UserID($0) },
            tenantID: try row.optionalParsed("tenant_id") { try TenantID($0) },
            createdAt: try row.date("created_at"),
            lastSeenAt: try row.date("last_seen_at"),
            idleTimeout: try row.real("idle_timeout"),
            absoluteTimeout: try row.real("absolute_timeout"),
            authenticationLevel: try row.parsed("authentication_level") {
                try enumValue(AuthenticationLevel.self, $0)
            },
            client: ClientMetadata(
                userAgent: try row.optionalText("user_agent"),
                address: try row.optionalText("address"),
                deviceLabel: try row.optionalText("device_label")),
            securityStamp: try row.text("security_stamp")
        )
    }
}

extension RefreshTokenRecord {
    /// A `refresh_tokens` row.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> RefreshTokenRecord {
        RefreshTokenRecord(
            familyID: RefreshFamilyID(rawValue: try row.text("family_id")),
            userID: try row.parsed("user_id") { try UserID($0) },
            securityStamp: try row.text("security_stamp"),
            familyCreatedAt: try row.date("family_created_at"),
            expiresAt: try row.date("expires_at"),
            isUsed: try row.bool("used")
        )
    }
}

extension OneTimeTokenRecord {
    /// A `one_time_tokens` row.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> OneTimeTokenRecord {
        OneTimeTokenRecord(
            userID: try row.parsed("user_id") { try UserID($0) },
            purpose: OneTimeTokenPurpose(
                name: try row.text("purpose"), defaultLifetime: try row.real("purpose_lifetime")),
            securityStamp: try row.text("security_stamp"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at")
        )
    }
}

extension RememberedDevice {
    /// A `remembered_devices` row.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> RememberedDevice {
        try row.checkDigest()
        return RememberedDevice(
            id: DeviceID(rawValue: try row.text("id")),
            userID: try row.parsed("user_id") { try UserID($0) },
            label: try row.text("label"),
            securityStamp: try row.text("security_stamp"),
            createdAt: try row.date("created_at"),
            lastUsedAt: try row.date("last_used_at"),
            expiresAt: try row.date("expires_at"))
    }
}

extension MFAChallenge {
    /// An `mfa_challenges` row.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> MFAChallenge {
        try row.checkDigest()
        return MFAChallenge(
            userID: try row.parsed("user_id") { try UserID($0) },
            tenantID: try row.optionalParsed("tenant_id") { try TenantID($0) },
            methods: try row.parsed("methods") { text in
                try JSONText.decode([String].self, text).map { try enumValue(MFAMethod.self, $0) }
            },
            securityStamp: try row.text("security_stamp"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"),
            failures: try row.count("failures"))
    }
}

extension LockoutCounter {
    /// A `lockout_counters` row.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> LockoutCounter {
        LockoutCounter(
            failures: try row.count("failures"),
            streakFailures: try row.count("streak_failures"),
            lastFailure: try row.date("last_failure"),
            temporaryLocks: try row.count("temporary_locks"),
            lockedUntil: try row.optionalDate("locked_until"),
            administratorLocked: try row.bool("administrator_locked"),
            expiresAt: try row.date("expires_at"))
    }
}

extension PasswordHistoryEntry {
    /// A `password_history` row; the hash's shape is checked (``hashShapeProblem(_:)``).
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> PasswordHistoryEntry {
        let storedHash = try row.text("stored_hash")
        if let problem = hashShapeProblem(storedHash) { throw row.corrupted("stored_hash", problem) }
        return PasswordHistoryEntry(storedHash: storedHash, changedAt: try row.date("changed_at"))
    }
}

extension StoredRow {
    /// A 32-byte chain hash in `column`.
    package func auditHash(_ column: String) throws(Failure) -> AuditHash {
        try bytes(column, as: "a 32-byte hash") { try AuditHash(bytes: $0) }
    }
}

extension AuditRecord {
    /// An `audit_records` row: the event checked as the log checks a new one.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> AuditRecord {
        let sequence = try row.unsigned("sequence", minimum: 1)
        let kind = try row.parsed("kind") { try AuditEventKind($0) }
        let outcome = try row.parsed("outcome") { try enumValue(AuditOutcome.self, $0) }
        let metadata = try row.parsed("metadata") { try AuditMetadataText.decode($0) }
        let actor = try row.optionalParsed("actor") { try UserID($0) }
        let subject = try row.optionalParsed("subject") { try UserID($0) }
        let tenant = try row.optionalParsed("tenant") { try TenantID($0) }
        let milliseconds = try row.integer("time")
        let sourceAddress = try row.optionalText("source_address")
        let userAgent = try row.optionalText("user_agent")
        let reason = try row.optionalText("reason")
        let event: AuditEvent
        do {
            event = try AuditEvent(
                validating: kind, milliseconds: milliseconds, actor: actor, subject: subject, tenant: tenant,
                sourceAddress: sourceAddress, userAgent: userAgent, outcome: outcome, reason: reason,
                metadata: metadata)
        } catch {
            throw row.corrupted(record: "the event is out of bounds", underlying: error)
        }
        return AuditRecord(
            sequence: sequence, event: event, previousHash: try row.auditHash("previous_hash"),
            hash: try row.auditHash("hash"))
    }
}

extension AuditCheckpoint {
    /// An `audit_checkpoints` row.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> AuditCheckpoint {
        AuditCheckpoint(
            sequence: try row.unsigned("sequence", minimum: 1), recordHash: try row.auditHash("record_hash"),
            milliseconds: try row.integer("time"), keyID: try row.text("key_id"), signature: try row.blob("signature"))
    }
}

extension AuditChainHead {
    /// The `audit_head` row: the last record's sequence (0 for an empty trail) and hash.
    package static func stored<Row: StoredRow>(_ row: Row) throws(Row.Failure) -> AuditChainHead {
        AuditChainHead(sequence: try row.unsigned("sequence", minimum: 0), hash: try row.auditHash("hash"))
    }
}
