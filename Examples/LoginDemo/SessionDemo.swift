import AuthCore
import SessionTokens

/// Sessions: issue one, validate it, and watch a password change (a new security stamp) end it.
enum SessionDemo {
    static func run() async throws {
        print("\nCarol signs in: an opaque session token, stored only as its SHA-256 digest")
        let stamps = StampBox(stamp: "stamp-1")
        let manager = SessionManager(
            store: InMemorySessionStore(),
            stamps: ClosureSecurityStampProvider { _ in await stamps.current() })
        // User ids are typed and byte-exact; text from a request or a row is validated on the way in.
        let idColumn = "carol"  // as read from the app's user table
        let carol = try UserID(idColumn)
        let issued = try await manager.issue(userID: carol, securityStamp: "stamp-1")
        let token = issued.token.revealedText
        print("  token: \(token.prefix(10))... (\(token.count) characters)")
        let session = try await manager.validate(token)
        print("  validated: user \(session.userID), idle timeout \(Int(session.idleTimeout)) s")
        await stamps.set("stamp-2")
        do {
            _ = try await manager.validate(token)
        } catch {
            print("  after a password change: \(error)")
        }
    }
}

/// The demo's stand-in for the user table's security stamp column.
actor StampBox {
    private var stamp: String
    init(stamp: String) { self.stamp = stamp }
    func current() -> String { stamp }
    func set(_ new: String) { stamp = new }
}
