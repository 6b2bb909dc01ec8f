import Foundation
import PasswordHashing
import Testing

@testable import PasswordPolicy

/// The checker hands its normalized password and folded context to the bundled blocklist and the
/// built-in estimator directly; every result must equal what their public entry points give.
@Suite("Checker shortcuts")
struct CheckerShortcutTests {
    /// Forwards to a source through the public requirement only, so the checker takes the slow path.
    struct PublicBlocklist: BreachedPasswordChecker {
        let inner: any BreachedPasswordChecker
        func match(_ password: NormalizedPassword) async throws -> BreachedPasswordMatch? {
            try await inner.match(password)
        }
    }

    /// Forwards to an estimator through the public requirement only.
    struct PublicEstimator: PasswordStrengthEstimating {
        let inner: any PasswordStrengthEstimating
        func estimate(_ password: NormalizedPassword, userInputs: [String]) -> PasswordStrength {
            inner.estimate(password, userInputs: userInputs)
        }
    }

    /// Mixed case, combining marks, compatibility forms, `ß`, Greek final sigma, Cherokee (whose
    /// case folding goes to capitals, unlike lowercasing), dotted capital I, ligatures.
    static let passwords = [
        "cre\u{300}me bru\u{302}le\u{301}e \u{FF14}2 mo\u{308}we", "ＰＡＳＳＷＯＲＤ", "Straße Ǆemal ΟΔΟΣ οδος",
        "ᏣᎳᎩ ꮳꮃꭹ Dana1987", "İstanbul1987!", "Passw0rd", "plum ferry orbits 42", "ﬁnal ﬂag ①②③ ＫＡＴＥ",
    ]

    static let contexts = [
        PasswordContext(
            email: "ada.lovelace@acme.example", name: "Ada King-Noel", companyName: "Acme Widgets Inc.",
            productName: "Acme CRM"),
        PasswordContext(
            email: "Åsa.Straße@ÉCOLE.example", name: "ΟΔΥΣΣΕΑΣ Ᏸᏹ", companyName: "Ｍｏｗｅ ＧｍｂＨ",
            otherWords: ["ꮳꮃꭹ", "crème", "ﬁnal"]),
    ]

    @Test("the bundled sources give through the checker what their public entry points give", arguments: passwords)
    func sameResults(password: String) async throws {
        var fast = PasswordPolicyChecker.Configuration()
        fast.bannedWords = ["Ünïcorp", "ΣΟΦΙΑ", "acmecrm"]
        var slow = PasswordPolicyChecker.Configuration(
            breachedPasswords: PublicBlocklist(inner: BundledBreachedPasswords()),
            strengthEstimator: PublicEstimator(inner: try PasswordStrengthEstimator(referenceYear: 2026)))
        slow.bannedWords = fast.bannedWords
        fast.strengthEstimator = try PasswordStrengthEstimator(referenceYear: 2026)
        let fastChecker = try PasswordPolicyChecker(configuration: fast)
        let slowChecker = try PasswordPolicyChecker(configuration: slow)
        for context in Self.contexts + [PasswordContext()] {
            let quick = try await fastChecker.check(password, context: context)
            let viaPublic = try await slowChecker.check(password, context: context)
            #expect(quick.strength != nil)
            #expect(quick.strength == viaPublic.strength)
            #expect(quick.breach == viaPublic.breach)
            #expect(quick.codes == viaPublic.codes)
        }
    }

    @Test("a file blocklist matches a normalized password as its public lookup does", arguments: passwords)
    func fileShortcut(password: String) async throws {
        let normalized = try NormalizedPassword(password)
        let lines = ["password", "straße", "istanbul1987!", WordListLowercasing.lowercase(password)].joined(
            separator: "\n")
        let file = try BreachedPasswordFile(bytes: Array(lines.utf8), source: "test")
        #expect(file.match(normalized: normalized) == (try await file.match(password)))
        #expect(file.match(normalized: normalized) != nil)
    }

    @Test("folding that changes nothing skips the second normalization with the same result", arguments: passwords)
    func foldingShortcut(password: String) throws {
        func full(_ text: String) -> [UInt8] {
            Array(text.folding(options: .caseInsensitive, locale: nil).precomposedStringWithCompatibilityMapping.utf8)
        }
        let normalized = try NormalizedPassword(password).revealed
        #expect(Array(FullCaseFolding.fold(normalized).utf8) == full(normalized))
        // Already folded, so folding changes nothing and the shortcut is taken.
        let folded = FullCaseFolding.fold(normalized)
        #expect(Array(FullCaseFolding.fold(folded).utf8) == full(folded))
    }
}
