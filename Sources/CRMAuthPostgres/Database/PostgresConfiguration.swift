public import AuthCore

import struct Foundation.URLComponents

/// Where a ``PostgresAuthDatabase`` connects and how: the server, the login, TLS, the schema and the
/// pool's size.
///
/// ```swift
/// var configuration = try PostgresConfiguration(url: "postgres://crm:secret@db.internal:5432/crm?sslmode=verify-full")
/// configuration.maximumConnections = 40
/// ```
///
/// It prints without the password.
public struct PostgresConfiguration: Sendable, Redacting {
    /// How the connection is encrypted, with `libpq`'s `sslmode` names.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// No TLS (a server on the same machine or a private network only).
        case disable
        /// TLS when the server offers it, unverified; plain otherwise. Protects only against a passive
        /// listener.
        case prefer
        /// TLS always, without verifying the server's certificate.
        case require
        /// TLS always, the certificate verified against the trusted roots, not the host name.
        case verifyCA = "verify-ca"
        /// TLS always, the certificate and the host name verified: the mode for a remote server.
        case verifyFull = "verify-full"
    }

    /// The server's host name or address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The role to log in as.
    public var username: String
    /// The role's password; `nil` for trust or peer authentication.
    public var password: String?
    /// The database to open.
    public var database: String
    /// How the connection is encrypted.
    public var tls: TLSMode
    /// A PEM file of the certificate authorities to trust for ``TLSMode/verifyCA`` and
    /// ``TLSMode/verifyFull`` (`sslrootcert`); the system's roots when `nil`.
    public var trustedRootsFile: String?
    /// The schema CRMAuth's tables live in (every connection's `search_path`); `nil` for the role's
    /// default (`public`). Several systems (or test runs) can share one database in separate schemas.
    public var schema: String?
    /// The most connections the pool opens.
    public var maximumConnections: Int
    /// How long opening one connection may take before it fails, in seconds.
    public var connectTimeout: Double
    /// How long one store call may take, waiting for a connection included, before it fails with
    /// ``PostgresStoreError/unavailable``, in seconds (`request_timeout` in a URL).
    public var requestTimeout: Double
    /// Seconds a validated session may be answered from this server's memory (`session_cache` in a
    /// URL), 0 to 60; 0, the default, reads every validation from the database. Above 0, a session
    /// revoked on another server is still accepted here for at most this long (see `CachingSessionStore`
    /// in SessionTokens); revocations on this server, new security stamps and disabled users take
    /// effect at once everywhere.
    public var sessionCacheMaximumAge: Double

    /// A configuration from its parts.
    /// - Parameters:
    ///   - host: the server's host name or address.
    ///   - port: the server's TCP port.
    ///   - username: the role to log in as.
    ///   - password: the role's password, if any.
    ///   - database: the database to open.
    ///   - tls: how the connection is encrypted; `verify-full` by default.
    public init(
        host: String, port: Int = 5432, username: String, password: String? = nil, database: String,
        tls: TLSMode = .verifyFull
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        trustedRootsFile = nil
        schema = nil
        maximumConnections = 20
        connectTimeout = 10
        requestTimeout = 10
        sessionCacheMaximumAge = 0
    }

    /// A configuration from a URL: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAMETERS]`
    /// (`postgresql://` too). Parameters: `sslmode` (`disable`, `prefer`, `require`, `verify-ca`,
    /// `verify-full`; `prefer` when absent, as `libpq`), `sslrootcert` (a PEM file), `schema`,
    /// `pool_max` (the most connections), `request_timeout` (seconds) and `session_cache` (seconds, see
    /// ``sessionCacheMaximumAge``). User, password and database are percent-decoded.
    /// - Parameter url: the URL.
    /// - Throws: ``PostgresStoreError/invalidConfiguration``, naming what is wrong (never the password).
    public init(url: String) throws(PostgresStoreError) {
        func invalid(_ problem: String) -> PostgresStoreError {
            PostgresStoreError(.invalidConfiguration, "the PostgreSQL URL \(problem)")
        }
        guard url.utf8.count <= 4096, let components = URLComponents(string: url) else {
            throw invalid("cannot be parsed")
        }
        guard components.scheme == "postgres" || components.scheme == "postgresql" else {
            throw invalid("must start with postgres:// or postgresql://")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("has no host") }
        guard let user = components.user, !user.isEmpty else { throw invalid("has no user name") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else { throw invalid("names no database (…/DATABASE)") }
        if let port = components.port, !(1...65_535).contains(port) { throw invalid("has a port out of range") }
        self.init(
            host: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host,
            port: components.port ?? 5432, username: user, password: components.password, database: path,
            tls: .prefer)
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw invalid(
                        "has sslmode=\(value); use one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "sslrootcert": trustedRootsFile = value
            case "schema":
                guard !value.isEmpty, value.utf8.count <= 63 else { throw invalid("has an empty or too long schema") }
                schema = value
            case "pool_max":
                guard let count = Int(value), (1...1000).contains(count) else {
                    throw invalid("has pool_max=\(value); use 1 to 1000")
                }
                maximumConnections = count
            case "request_timeout":
                guard let seconds = Double(value), seconds > 0, seconds <= 3600 else {
                    throw invalid("has request_timeout=\(value); use seconds, more than 0 and at most 3600")
                }
                requestTimeout = seconds
            case "session_cache":
                guard let seconds = Double(value), seconds >= 0, seconds <= 60 else {
                    throw invalid("has session_cache=\(value); use seconds, 0 to 60")
                }
                sessionCacheMaximumAge = seconds
            default: throw invalid("has an unknown parameter \(item.name)")
            }
        }
    }

    /// The configuration without the password.
    public var redactedDescription: String {
        var text = "postgres://\(username)\(password == nil ? "" : ":<redacted>")@\(host):\(port)/\(database)"
        text += "?sslmode=\(tls.rawValue)"
        if let schema { text += "&schema=\(schema)" }
        return "PostgresConfiguration(\(text))"
    }
}
