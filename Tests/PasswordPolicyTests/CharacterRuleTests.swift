import PasswordPolicy
import Testing

@Suite("Character rules")
struct CharacterRuleTests {
    static let base = "long enough passphrase "

    @Test(
        "control characters are refused",
        arguments: ["\u{0}", "\t", "\n", "\r", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{2028}", "\u{2029}"]
    )
    func control(character: String) async throws {
        let result = try await makeChecker().check(Self.base + character + "x")
        #expect(result.codes == [.containsControlCharacter], "\(codePoints(character))")
    }

    @Test(
        "unassigned code points and noncharacters are refused",
        arguments: [0x378, 0xFFFF, 0xFDD0, 0x10FFFF] as [UInt32])
    func unassigned(value: UInt32) async throws {
        // Swift refuses noncharacters in literals, so they are built from their values.
        let character = String(Character(try #require(Unicode.Scalar(value))))
        let result = try await makeChecker().check(Self.base + character)
        #expect(result.codes == [.containsUnassignedCharacter], "\(codePoints(character))")
    }

    @Test(
        "spaces, symbols, format characters, RTL text, emoji and private use are accepted",
        arguments: [
            " ", "~!@#$%^&*()_+`-={}|[]\\:\";'<>?,./", "\u{200D}", "\u{200F}", "\u{200E}", "\u{A0}",
            "\u{5E9}\u{5DC}\u{5D5}\u{5DD}", "\u{645}\u{631}\u{62D}\u{628}\u{627}",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{1F1EB}\u{1F1F7}", "\u{E000}", "\u{F0000}", "\u{FE0F}",
        ]
    )
    func accepted(text: String) async throws {
        #expect(try await makeChecker().check(Self.base + text).isAcceptable, "\(codePoints(text))")
    }

    @Test("NUL alone is counted and refused, not treated as the end of the password")
    func nul() async throws {
        let result = try await makeChecker().check("\u{0}" + String(repeating: "a", count: 20))
        #expect(result.codes == [.containsControlCharacter])
        let short = try await makeChecker().check("\u{0}")
        #expect(short.codes == [.tooShort, .containsControlCharacter])
    }
}
