import Foundation

/// The folding applied before a password is compared with a word list.
///
/// Unicode NFKC normalization (UAX #15: full-width "ＰＡＳＳ" becomes "PASS", ligatures and
/// compatibility characters become their plain forms), then Unicode default lowercasing
/// (`String.lowercased()`, the full lowercase mapping of the Unicode Character Database). The bundled
/// lists were folded the same way when they were generated (Scripts/generate-password-word-lists.py).
enum PasswordFolding {
    /// `text` normalized to NFKC and lowercased.
    static func fold(_ text: String) -> String {
        // NFKC leaves ASCII unchanged, and Foundation's normalization is the slow part.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// ``fold(_:)`` of `text` that is already NFKC (a ``NormalizedPassword``): NFKC is idempotent,
    /// so only the lowercasing is left to do.
    static func foldNormalized(_ text: String) -> String {
        text.lowercased()
    }

    /// `text` normalized to NFKC, case kept.
    static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCompatibilityMapping
    }
}
