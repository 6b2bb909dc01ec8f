import AuthCore
import Foundation
import LoginFlow
import Testing

extension UserStoreConformance {
    func insertAndLookUp(_ store: any UserStore, _ clock: ManualClock) async throws {
        var user = try Self.user("ada", email: "Ada.Lovelace@Example.com", username: "Ada_L", at: clock)
        user.version = 7
        let stored = try await store.insert(user)
        #expect(stored.version == 1, "a new user is version 1 whatever version was given")
        user.version = 1
        #expect(Self.exactlyEqual(stored, user), "insert answers the user as stored")
        #expect(Self.exactlyEqual(try await store.user(id: "ada"), user), "read back by id")
        #expect(
            Self.exactlyEqual(try await store.user(identifier: user.email), user), "read back by the email address")
        #expect(
            Self.exactlyEqual(
                try await store.user(identifier: try LoginIdentifier(email: " ADA.LOVELACE@example.COM")), user),
            "by the email address in another case")
        #expect(
            Self.exactlyEqual(try await store.user(identifier: try LoginIdentifier(username: "ａｄａ_l")), user),
            "by the username in another case and width")
        #expect(try await store.user(id: "bob") == nil, "an unknown id is nil")
        #expect(try await store.user(id: "ADA") == nil, "user ids are case-sensitive")
        #expect(
            try await store.user(identifier: try LoginIdentifier(email: "bob@example.com")) == nil,
            "an unknown identifier is nil")
        #expect(
            try await store.user(identifier: try LoginIdentifier(username: "ada.lovelace")) == nil,
            "usernames and email addresses are looked up within their kind")
    }

    func fieldsRoundTrip(_ store: any UserStore, _ clock: ManualClock) async throws {
        // Canonically equivalent texts are equal to Swift's `==`: the bytes are compared too.
        let full = User(
            id: "caf\u{E9}-\u{1F600}", email: try LoginIdentifier(email: "Cafe\u{301}@Exa\u{301}mple.com"),
            username: try LoginIdentifier(username: "Jose\u{301}"), displayName: "Jose\u{301} \"Zé\" O'Brien\u{2002}",
            status: .disabled, homeTenant: "tenant-\u{E9}",
            passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
            passwordChangedAt: clock.now().addingTimeInterval(-86_400.25), passwordChangeRequired: true,
            securityStamp: "stamp-\u{0065}\u{0301}", mfa: .required,
            externalIdentities: [
                ExternalIdentity(provider: "https://issuer.example/", subject: "sub-e\u{301}"),
                ExternalIdentity(provider: "google", subject: "sub-\u{E9}"),
            ], createdAt: clock.now().addingTimeInterval(-172_800.5), lastLoginAt: clock.now().addingTimeInterval(0.75),
            version: 0)
        let bare = User(
            id: "bare", email: try LoginIdentifier(email: "bare@example.com"), displayName: "B",
            status: .invited, securityStamp: "s", createdAt: clock.now())
        for (index, status) in UserStatus.allCases.enumerated() {
            var user = try Self.user(UserID("status-\(index)"), email: "status\(index)@example.com", at: clock)
            user.status = status
            user.mfa = index.isMultiple(of: 2) ? .optional : .required
            _ = try await store.insert(user)
            user.version = 1
            #expect(Self.exactlyEqual(try await store.user(id: user.id), user), "status \(status) reads back")
        }
        for var user in [full, bare] {
            _ = try await store.insert(user)
            user.version = 1
            let read = try await store.user(id: user.id)
            #expect(Self.exactlyEqual(read, user), "\(user.id): every field exactly as written")
            #expect(
                read?.email.text.utf8.elementsEqual(user.email.text.utf8) == true,
                "\(user.id): the email address as given is read back byte for byte, never normalized")
        }
        #expect(
            try await store.user(id: UserID("cafe\u{301}-\u{1F600}")) == nil,
            "a canonically equivalent id is another user")
    }

    func valuesCopied(_ store: any UserStore, _ clock: ManualClock) async throws {
        var user = try Self.user("ada", email: "ada@example.com", at: clock)
        user.externalIdentities = [ExternalIdentity(provider: "google", subject: "1")]
        var returned = try await store.insert(user)
        let expected = returned
        user.displayName = "Mallory"
        user.externalIdentities[0].subject = "2"
        returned.displayName = "Mallory"
        returned.status = .disabled
        var read = try #require(try await store.user(id: "ada"))
        #expect(Self.exactlyEqual(read, expected), "changing values the caller holds changes nothing stored")
        read.externalIdentities.append(ExternalIdentity(provider: "x", subject: "y"))
        #expect(Self.exactlyEqual(try await store.user(id: "ada"), expected), "nor does changing what was read")
    }

    func duplicateIDRefused(_ store: any UserStore, _ clock: ManualClock) async throws {
        let ada = try await store.insert(try Self.user("ada", email: "ada@example.com", at: clock))
        await #expect(throws: LoginFlowError.duplicate, "a stored id is refused") {
            try await store.insert(try Self.user("ada", email: "other@example.com", username: "other", at: clock))
        }
        #expect(Self.exactlyEqual(try await store.user(id: "ada"), ada), "the stored user is unchanged")
        #expect(
            try await store.user(identifier: try LoginIdentifier(email: "other@example.com")) == nil,
            "the refused user's email address is not indexed")
        #expect(
            try await store.user(identifier: try LoginIdentifier(username: "other")) == nil,
            "nor its username")
    }

    func identifierTakenOnInsert(_ store: any UserStore, _ clock: ManualClock) async throws {
        let ada = try await store.insert(
            try Self.user("ada", email: "Caf\u{E9}.Ada@Example.com", username: "Ada", at: clock))
        let emails = [
            "caf\u{E9}.ada@example.com", "CAF\u{C9}.ADA@EXAMPLE.COM", "cafe\u{301}.ada@example.com",
            "\u{FF43}af\u{E9}.ada@example.com", " caf\u{E9}.ada@example.com\t",
        ]
        for (index, email) in emails.enumerated() {
            await #expect(throws: LoginFlowError.identifierTaken, "email form \(index) has the same key") {
                try await store.insert(try Self.user(UserID("e\(index)"), email: email, at: clock))
            }
            #expect(try await store.user(id: UserID("e\(index)")) == nil, "a refused user is not stored")
        }
        for (index, username) in ["ada", "ADA", "\u{FF21}da"].enumerated() {
            await #expect(throws: LoginFlowError.identifierTaken, "username form \(index) has the same key") {
                try await store.insert(
                    try Self.user(UserID("u\(index)"), email: "u\(index)@example.com", username: username, at: clock))
            }
            #expect(try await store.user(id: UserID("u\(index)")) == nil, "a refused user is not stored")
            #expect(
                try await store.user(identifier: try LoginIdentifier(email: "u\(index)@example.com")) == nil,
                "and its email address is not indexed")
        }
        #expect(Self.exactlyEqual(try await store.user(id: "ada"), ada), "the holder is unchanged")
        #expect(
            Self.exactlyEqual(try await store.user(identifier: try LoginIdentifier(username: "ada")), ada),
            "and still holds its username")
    }

    func identifiersIndependent(_ store: any UserStore, _ clock: ManualClock) async throws {
        let composed = try await store.insert(try Self.user("caf\u{E9}", email: "one@example.com", at: clock))
        let decomposed = try await store.insert(try Self.user("cafe\u{301}", email: "two@example.com", at: clock))
        let third = try await store.insert(try Self.user("third", email: "three@example.com", at: clock))
        #expect(
            Self.exactlyEqual(try await store.user(id: "caf\u{E9}"), composed),
            "canonically equivalent ids are two users, each read back byte for byte")
        #expect(Self.exactlyEqual(try await store.user(id: "cafe\u{301}"), decomposed))
        #expect(Self.exactlyEqual(try await store.user(id: "third"), third), "users without a username coexist")
        let ana = try await store.insert(try Self.user("ana", email: "ana@example.com", username: "ana", at: clock))
        #expect(
            Self.exactlyEqual(try await store.user(identifier: try LoginIdentifier(username: "ana")), ana),
            "a username finds its holder")
        #expect(
            try await store.user(identifier: try LoginIdentifier(username: "anna")) == nil,
            "and a near miss finds nobody")
    }

    func updateCompareAndSet(_ store: any UserStore, _ clock: ManualClock) async throws {
        let stored = try await store.insert(try Self.user("ada", email: "ada@example.com", at: clock))
        var changed = stored
        changed.displayName = "Ada King"
        changed.status = .disabled
        changed.passwordHash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"
        changed.securityStamp = "new-stamp"
        changed.mfa = .required
        changed.homeTenant = "acme"
        changed.externalIdentities = [ExternalIdentity(provider: "google", subject: "42")]
        changed.version = 99
        let written = try await store.update(changed, expectedVersion: 1)
        changed.version = 2
        #expect(Self.exactlyEqual(written, changed), "the update answers the stored value, version 2")
        #expect(Self.exactlyEqual(try await store.user(id: "ada"), changed), "every field is written")
        var stale = stored
        stale.displayName = "Stale"
        #expect(try await store.update(stale, expectedVersion: 1) == nil, "an update from a stale version is refused")
        #expect(try await store.update(stale, expectedVersion: 3) == nil, "and from a version never stored")
        #expect(Self.exactlyEqual(try await store.user(id: "ada"), changed), "and changes nothing")
        var ghost = try Self.user("ghost", email: "ghost@example.com", at: clock)
        ghost.version = 1
        #expect(try await store.update(ghost, expectedVersion: 1) == nil, "an absent user is not created by update")
        #expect(try await store.user(id: "ghost") == nil)
        #expect(
            try await store.user(identifier: try LoginIdentifier(email: "ghost@example.com")) == nil,
            "nor its email address indexed")
        var again = changed
        again.displayName = "Ada, again"
        #expect(try await store.update(again, expectedVersion: 2)?.version == 3, "each update moves the version on")
    }

    func updateChecksIdentifiers(_ store: any UserStore, _ clock: ManualClock) async throws {
        let ada = try await store.insert(try Self.user("ada", email: "ada@example.com", username: "ada", at: clock))
        let bob = try await store.insert(try Self.user("bob", email: "bob@example.com", username: "bob", at: clock))
        var grab = bob
        grab.email = try LoginIdentifier(email: "ADA@\u{FF45}xample.com")
        await #expect(throws: LoginFlowError.identifierTaken, "another user's email address, in another form") {
            try await store.update(grab, expectedVersion: 1)
        }
        grab = bob
        grab.username = try LoginIdentifier(username: "Ada")
        grab.displayName = "Bob the grabber"
        await #expect(throws: LoginFlowError.identifierTaken, "another user's username") {
            try await store.update(grab, expectedVersion: 1)
        }
        #expect(Self.exactlyEqual(try await store.user(id: "bob"), bob), "a refused update writes nothing")
        #expect(Self.exactlyEqual(try await store.user(id: "ada"), ada), "nor touches the holder")
        var same = ada
        same.email = try LoginIdentifier(email: "ADA@example.com")
        let kept = try await store.update(same, expectedVersion: 1)
        #expect(kept?.email.text == "ADA@example.com", "a user may retype its own identifier in another form")
        var moved = bob
        moved.email = try LoginIdentifier(email: "robert@example.com")
        moved.username = nil
        #expect(try await store.update(moved, expectedVersion: 1)?.version == 2, "bob changes email, drops username")
        #expect(
            try await store.user(identifier: try LoginIdentifier(email: "bob@example.com")) == nil,
            "the old email address no longer finds bob")
        #expect(
            try await store.user(identifier: try LoginIdentifier(username: "bob")) == nil,
            "nor the dropped username")
        #expect(
            try await store.user(identifier: try LoginIdentifier(email: "Robert@example.com"))?.id == "bob",
            "the new one does")
        let carol = try await store.insert(
            try Self.user("carol", email: "bob@example.com", username: "bob", at: clock))
        #expect(carol.version == 1, "identifiers given up are free for another user")
        #expect(
            try await store.user(identifier: try LoginIdentifier(username: "bob"))?.id == "carol",
            "and find the new holder")
    }

    func recordLoginForwardOnly(_ store: any UserStore, _ clock: ManualClock) async throws {
        let stored = try await store.insert(try Self.user("ada", email: "ada@example.com", at: clock))
        let first = clock.now().addingTimeInterval(60.5)
        #expect(try await store.recordLogin(id: "ada", at: first), "a stored user's login is recorded")
        #expect(try await store.user(id: "ada")?.lastLoginAt == first, "at the instant given")
        #expect(try await store.recordLogin(id: "ada", at: first.addingTimeInterval(-30)))
        #expect(try await store.user(id: "ada")?.lastLoginAt == first, "an earlier login never moves it back")
        let later = first.addingTimeInterval(3_600)
        #expect(try await store.recordLogin(id: "ada", at: later))
        let read = try await store.user(id: "ada")
        #expect(read?.lastLoginAt == later, "a later login moves it forward")
        #expect(read?.version == 1, "recording a login does not change the version")
        var changed = stored
        changed.displayName = "Ada King"
        let written = try await store.update(changed, expectedVersion: 1)
        #expect(written != nil, "an update read before the logins still succeeds")
        #expect(try await !store.recordLogin(id: "ghost", at: later), "an absent user is false")
        #expect(try await store.user(id: "ghost") == nil, "and is not created")
    }

    func pagingInByteOrder(_ store: any UserStore, _ clock: ManualClock) async throws {
        // Byte order, not Swift's String order nor a locale's: "Z" < "a" < "e\u{301}" < "\u{E9}" < "\u{1F600}".
        let ids: [UserID] = [
            "\u{E9}mile", "Zed", "ada", "e\u{301}clair", "ad", "\u{1F600}", "b", "A", "a-b", "a_b", "\u{DF}",
        ]
        for (index, id) in ids.enumerated() {
            _ = try await store.insert(try Self.user(id, email: "user\(index)@example.com", at: clock))
        }
        let expected = ids.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }.map(\.rawValue)
        var pages: [[User]] = []
        var cursor: UserID?
        while pages.count <= ids.count {
            let page = try await store.users(after: cursor, limit: 3)
            if page.isEmpty { break }
            pages.append(page)
            cursor = page.last?.id
        }
        #expect(pages.dropLast().allSatisfy { $0.count == 3 }, "every page but the last is full")
        let listed = pages.flatMap { $0 }.map(\.id.rawValue)
        #expect(
            listed.map { Array($0.utf8) } == expected.map { Array($0.utf8) },
            "every user once, in ascending order of the id's UTF-8 bytes")
        #expect(try await store.users(after: nil, limit: 0).isEmpty, "a limit of 0 answers nothing")
        #expect(
            try await store.users(after: "a", limit: 100).map(\.id.rawValue).map { Array($0.utf8) }
                == expected.filter { "a".utf8.lexicographicallyPrecedes($0.utf8) }.map { Array($0.utf8) },
            "a cursor that is no stored id starts after its place in byte order")
        #expect(try await store.users(after: "\u{1F600}", limit: 100).isEmpty, "nothing after the last id")
        let first = try await store.users(after: nil, limit: 1)
        let a = try await store.user(id: "A")
        #expect(first.count == 1 && Self.exactlyEqual(first.first, a), "pages carry whole users")
    }
}
