public import AuthCore
import Synchronization

public import struct Foundation.Date

/// A ``UserStore`` in process memory; every method is one critical section.
public final class InMemoryUserStore: UserStore {
    private struct State {
        var users: [UserID: User] = [:]
        var emailKeys: [ExactText: UserID] = [:]
        var usernameKeys: [ExactText: UserID] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    /// The number of users.
    public var count: Int { state.withLock { $0.users.count } }

    /// See ``UserStore/insert(_:)``.
    public func insert(_ user: User) async throws -> User {
        try state.withLock { (state: inout State) throws(LoginFlowError) -> User in
            guard state.users[user.id] == nil else {
                throw LoginFlowError(.duplicate, "a user with this id exists")
            }
            try Self.checkIdentifiers(of: user, in: state)
            var stored = user
            stored.version = 1
            Self.index(stored, in: &state)
            return stored
        }
    }

    /// See ``UserStore/user(id:)``.
    public func user(id: UserID) async throws -> User? {
        state.withLock { $0.users[id] }
    }

    /// The security stamp of user `id` when the account is active, else `nil` (no such user, or not
    /// active): what session and link validation compare against, read without copying the whole
    /// ``User`` out of the store. ``AuthFlow`` uses it instead of ``user(id:)`` when its user store is
    /// this one.
    /// - Parameter id: the user.
    /// - Returns: the current stamp of an active account, or `nil`.
    public func activeSecurityStamp(of id: UserID) -> String? {
        state.withLock { state in
            guard let index = state.users.index(forKey: id) else { return nil }
            let user = state.users.values[index]
            return user.status == .active ? user.securityStamp : nil
        }
    }

    /// See ``UserStore/user(identifier:)``.
    public func user(identifier: LoginIdentifier) async throws -> User? {
        state.withLock { state in
            let keys = identifier.kind == .email ? state.emailKeys : state.usernameKeys
            return keys[ExactText(identifier.key)].flatMap { state.users[$0] }
        }
    }

    /// See ``UserStore/update(_:expectedVersion:)``.
    public func update(_ user: User, expectedVersion: UInt64) async throws -> User? {
        try state.withLock { (state: inout State) throws(LoginFlowError) -> User? in
            guard let old = state.users[user.id], old.version == expectedVersion else { return nil }
            try Self.checkIdentifiers(of: user, in: state)
            state.emailKeys[ExactText(old.email.key)] = nil
            if let username = old.username { state.usernameKeys[ExactText(username.key)] = nil }
            var stored = user
            stored.version = expectedVersion + 1
            Self.index(stored, in: &state)
            return stored
        }
    }

    /// See ``UserStore/recordLogin(id:at:)``.
    public func recordLogin(id: UserID, at date: Date) async throws -> Bool {
        state.withLock { state in
            guard var user = state.users[id] else { return false }
            user.lastLoginAt = max(user.lastLoginAt ?? date, date)
            state.users[id] = user
            return true
        }
    }

    /// See ``UserStore/users(after:limit:)``.
    public func users(after cursor: UserID?, limit: Int) async throws -> [User] {
        guard limit > 0 else { return [] }
        return state.withLock { state in
            // UserID orders by UTF-8 bytes (ExactIdentifier), as a binary collation does.
            let sorted = state.users.keys.filter { id in cursor.map { id > $0 } ?? true }.sorted()
            return sorted.prefix(limit).compactMap { state.users[$0] }
        }
    }

    private static func checkIdentifiers(of user: User, in state: State) throws(LoginFlowError) {
        if let holder = state.emailKeys[ExactText(user.email.key)], holder != user.id {
            throw LoginFlowError(.identifierTaken, "the email address is held by another user")
        }
        if let username = user.username, let holder = state.usernameKeys[ExactText(username.key)],
            holder != user.id
        {
            throw LoginFlowError(.identifierTaken, "the username is held by another user")
        }
    }

    private static func index(_ user: User, in state: inout State) {
        state.users[user.id] = user
        state.emailKeys[ExactText(user.email.key)] = user.id
        if let username = user.username { state.usernameKeys[ExactText(username.key)] = user.id }
    }
}
