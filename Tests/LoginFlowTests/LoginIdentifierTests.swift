import Testing

@testable import LoginFlow

@Suite("LoginIdentifier")
struct LoginIdentifierTests {
    @Test("Case, width and surrounding whitespace fold to one key; the text is kept as given")
    func foldsToOneKey() throws {
        let typed = try LoginIdentifier(email: "  Ana.Lima@Example.COM ")
        let wide = try LoginIdentifier(email: "\u{FF41}na.lima@example.com")
        #expect(typed.key == "ana.lima@example.com")
        #expect(typed.text == "Ana.Lima@Example.COM")
        #expect(typed == wide)
    }

    @Test(
        "Malformed identifiers are typed errors",
        arguments: ["", "  ", "a@b@c", "@x.com", "ana@", "a b@x.com", "ana@x..com"])
    func malformed(_ text: String) {
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(email: text) }
    }

    @Test("Usernames hold letters, digits and . _ - only")
    func usernames() throws {
        #expect(try LoginIdentifier(parsing: "Ana_Lima-2").kind == .username)
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(username: "-ana") }
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(username: "ana!") }
    }
}
