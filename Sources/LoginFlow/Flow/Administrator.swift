public import AuthCore

/// Who performs an administrative action: a signed-in user, checked against the policy, or an
/// operator at the console of a machine that holds the database and its keys.
///
/// Every administrative method of ``AuthFlow`` takes any ``AdministratorConvertible``, so a
/// ``Principal`` (a signed-in administrator) and a ``ConsoleOperator`` (`crm-auth` run by a named
/// operator) are passed as they are.
///
/// - A signed-in administrator needs ``AuthFlow/administerUsers`` in the tenant concerned; the audit
///   event names them as its `actor`.
/// - A console operator is not an account and holds no role: whoever can open the database and read
///   the deployment keys can change every row anyway, so the policy is not consulted. The audit event
///   has no `actor` (that field names accounts only, so an operator can never be mistaken for one) and
///   names the operator in the metadata key `operator`, with `channel` = `console`.
public enum Administrator: Sendable, Hashable {
    /// A user signed in through a session, as ``AuthFlow/validate(sessionToken:client:)`` returned them.
    case signedIn(Principal)
    /// A named operator at the console.
    case console(ConsoleOperator)

    /// The account that acts, `nil` for a console operator.
    public var userID: UserID? {
        switch self {
        case .signedIn(let principal): principal.userID
        case .console: nil
        }
    }

    /// The metadata an audit event about this administrator's action carries.
    var auditMetadata: [String: String] {
        switch self {
        case .signedIn: [:]
        case .console(let console): ["operator": console.name, "channel": "console"]
        }
    }
}

/// A person operating CRMAuth from the console (the `crm-auth` command against a database), named for
/// the audit trail.
///
/// ```swift
/// let console = try ConsoleOperator(name: "alice")
/// try await flow.disableUser(userID, by: console)
/// ```
public struct ConsoleOperator: Sendable, Hashable, CustomStringConvertible {
    /// The operator's name as the audit trail records it (a login name, `$USER`).
    public let name: String

    /// The longest name, in bytes of UTF-8.
    public static let maximumNameBytes = 64

    /// Names an operator.
    /// - Parameter name: 1 to 64 bytes of UTF-8 without control characters or spaces at either end.
    /// - Throws: ``LoginFlowError/invalidUser`` for an empty, too long or unprintable name.
    public init(name: String) throws(LoginFlowError) {
        guard (1...Self.maximumNameBytes).contains(name.utf8.count),
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
            name.first?.isWhitespace == false, name.last?.isWhitespace == false
        else {
            throw LoginFlowError(
                .invalidUser, "an operator's name is 1 to 64 bytes, without control characters or outer spaces")
        }
        self.name = name
    }

    /// The name.
    public var description: String { name }
}

/// A value that says who administers: ``Principal``, ``ConsoleOperator`` and ``Administrator`` itself.
public protocol AdministratorConvertible: Sendable {
    /// The administrator this value stands for.
    var administrator: Administrator { get }
}

extension Administrator: AdministratorConvertible {
    /// Itself.
    public var administrator: Administrator { self }
}

extension Principal: AdministratorConvertible {
    /// The signed-in user as administrator.
    public var administrator: Administrator { .signedIn(self) }
}

extension ConsoleOperator: AdministratorConvertible {
    /// The console operator as administrator.
    public var administrator: Administrator { .console(self) }
}
