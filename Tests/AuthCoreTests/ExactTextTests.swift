import AuthCore
import Foundation
import Testing

@Suite("ExactText")
struct ExactTextTests {
    /// Pairs Swift's `String` calls equal (canonically equivalent) whose UTF-8 bytes differ.
    static let equivalentSpellings: [(String, String)] = [
        ("caf\u{E9}", "cafe\u{301}"),  // é precomposed / e + combining acute
        ("\u{212B}ngstr\u{F6}m", "\u{C5}ngstro\u{308}m"),  // ANGSTROM SIGN / Å, ö / o + diaeresis
        ("\u{1E0B}\u{323}", "\u{1E0D}\u{307}"),  // combining marks in either order
        ("\u{AC00}", "\u{1100}\u{1161}"),  // Hangul syllable / conjoining jamo
    ]

    @Test("canonically equivalent spellings are different keys", arguments: equivalentSpellings)
    func equivalentSpellingsDiffer(first: String, second: String) throws {
        try #require(first == second)  // what String does, and why the type exists
        #expect(ExactText(first) != ExactText(second))
        let keys: Set = [ExactText(first), ExactText(second)]
        #expect(keys.count == 2, "a set keeps both")
        let dictionary = [ExactText(first): 1, ExactText(second): 2]
        #expect(dictionary[ExactText(first)] == 1)
        #expect(dictionary[ExactText(second)] == 2)
    }

    @Test(
        "equal bytes are one key, however the string was built",
        arguments: ["", "ada", "Ada", "ада@пример.рф", "caf\u{E9}", "cafe\u{301}", "😀"])
    func equalBytesEqual(text: String) {
        let rebuilt = String(decoding: Array(text.utf8), as: UTF8.self)
        let bridged = NSString(string: text) as String  // may be non-contiguous
        #expect(ExactText(text) == ExactText(rebuilt))
        #expect(ExactText(text) == ExactText(bridged))
        #expect(ExactText(text).hashValue == ExactText(rebuilt).hashValue)
        #expect(ExactText(text).hashValue == ExactText(bridged).hashValue)
        #expect(Set([ExactText(text), ExactText(rebuilt), ExactText(bridged)]).count == 1)
        #expect(ExactText(text).description == text)
    }

    @Test("case and prefixes count")
    func caseAndPrefixes() {
        #expect(ExactText("ada") != ExactText("Ada"))
        #expect(ExactText("ada") != ExactText("ada\u{0}"))
        #expect(ExactText("") != ExactText("a"))
        #expect(Set(["ab", "a", "b", "", "ba"].map(ExactText.init)).count == 5)
    }
}
