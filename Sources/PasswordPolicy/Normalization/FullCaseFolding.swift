import Foundation
import PasswordHashing

/// Case folding for comparing a password with context and banned words.
///
/// The folding is Unicode full case folding without language-specific rules, as Foundation's
/// `folding(options: .caseInsensitive, locale: nil)` implements it (`ß` → `ss`, `ς` → `σ`, `ſ` → `s`,
/// `ﬃ` → `ffi`, `İ` → `i̇`; Turkish dotless `ı` stays `ı`), applied to the NFKC form and followed by
/// NFKC again, since folding can leave text that is no longer normalized. ASCII text takes a fast
/// path with the same result: `A`–`Z` become `a`–`z`.
///
/// Why a second folding beside ``WordListLowercasing``: context and banned words are prepared at
/// check time on both sides, so they can use Unicode's definition of caseless equality ("Straße"
/// in a name matches "STRASSE" in a password). The word lists cannot: they were generated lowercased
/// and must be looked up in exactly that form. The look-alike skeleton (``ConfusableSkeleton``) is
/// a third, separate step that both comparisons share.
///
/// Folding is used only to compare; the password itself is hashed case-sensitively.
enum FullCaseFolding {
    /// `text` (already NFKC) folded for caseless comparison.
    static func fold(_ text: String) -> String {
        if NormalizedPassword.isASCII(text) {
            return String(decoding: text.utf8.map(foldASCII), as: UTF8.self)
        }
        let folded = text.folding(options: .caseInsensitive, locale: nil)
        // Folding that changed no byte left `text`, which is NFKC already: normalizing again would
        // return it unchanged, at the cost of a second pass through Foundation.
        if folded.utf8.elementsEqual(text.utf8) { return folded }
        return folded.precomposedStringWithCompatibilityMapping
    }

    /// `text` normalized to NFKC and folded: the form context and banned words are compared in.
    static func normalizeAndFold(_ text: String) -> String {
        fold(NormalizedPassword.nfkc(text))
    }

    /// An ASCII byte folded: `A`–`Z` become `a`–`z`, everything else stays.
    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}
