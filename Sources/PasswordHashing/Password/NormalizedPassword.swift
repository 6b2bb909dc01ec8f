public import AuthCore
import Foundation

/// A password in the one form CRMAuth checks, hashes and verifies: Unicode NFKC, bounded in size.
///
/// NIST SP 800-63B rev. 4 §3.1.1.2 asks verifiers to apply Unicode normalization (NFKC or NFKD)
/// before hashing, so that the same password typed on two keyboards produces the same bytes: a
/// full-width `ＡＢＣ` becomes `ABC`, the ligature `ﬁ` becomes `fi`, and `e` followed by a combining
/// acute accent becomes the single code point `é`.
///
/// Make one where the password enters (a form field, standard input) and pass it on as it is:
/// ``PasswordHasher`` hashes and verifies only this type, and PasswordPolicy's checker and history
/// take it too, so no path can hash the typed text by mistake.
///
/// ```swift
/// let password = try NormalizedPassword(typed)
/// let stored = try await hasher.hash(password)                    // a hash of the NFKC form
/// let result = try await hasher.verify(password, against: stored)
/// ```
///
/// Hashes imported from other systems were usually made over the typed bytes, without
/// normalization. So when the typed text is not already NFKC, the value also keeps it, privately,
/// and ``PasswordHasher/verify(_:against:)`` tries it after the NFKC form fails, reporting
/// `needsRehash` when it matches so the stored hash moves to the NFKC form. Text that is already
/// NFKC (all ASCII, for one) is kept once and verified once.
///
/// Size is bounded twice, both times with ``PasswordHashingError/passwordTooLong`` and never by
/// truncation: the input is measured in UTF-8 bytes *before* normalization (NFKC can expand a
/// single code point, U+FDFA, into 18, so the work is bounded by the input's size), and the
/// normalized form is measured again, so that what passes always fits a ``PasswordHasher`` whose
/// ``HashingLimits/maxPasswordBytes`` is at least the same bound. An empty password is a valid
/// value (a policy reports it as too short); the hasher refuses it with
/// ``PasswordHashingError/emptyPassword``.
public struct NormalizedPassword: Sendable, Equatable, Redacting {
    /// The default bound, 4096 UTF-8 bytes: the default ``HashingLimits/maxPasswordBytes``, so every
    /// password the default policy accepts can be hashed by the default hasher.
    public static let defaultMaximumBytes = 4096

    /// The NFKC form. Reading it is deliberate: it is what gets hashed, compared and checked.
    public let revealed: String
    /// The length in Unicode code points (scalars) of the NFKC form; the length NIST's rules count.
    ///
    /// Code points, not user-perceived characters: `é` is one, a flag emoji is two (two regional
    /// indicators), and a family emoji joined with zero-width joiners counts every person and joiner.
    public let codePointCount: Int
    /// The text as typed, kept only when its UTF-8 bytes differ from ``revealed``'s: what a system
    /// that did not normalize would have hashed. Verification's fallback, never hashed anew.
    package let typedForm: String?

    /// Normalizes `password` to NFKC.
    ///
    /// - Parameters:
    ///   - password: the password as the person typed it.
    ///   - maximumBytes: the largest accepted size in UTF-8 bytes, of the input and of its
    ///     normalized form.
    /// - Throws: ``PasswordHashingError/passwordTooLong`` when either is larger.
    public init(_ password: String, maximumBytes: Int = Self.defaultMaximumBytes) throws(PasswordHashingError) {
        let inputBytes = password.utf8.count
        guard inputBytes <= maximumBytes else {
            throw PasswordHashingError(
                .passwordTooLong, "the password is \(inputBytes) bytes; the maximum is \(maximumBytes)")
        }
        let normalized = Self.nfkc(password)
        let normalizedBytes = normalized.utf8.count
        guard normalizedBytes <= maximumBytes else {
            throw PasswordHashingError(
                .passwordTooLong,
                "the password is \(normalizedBytes) bytes after normalization; the maximum is \(maximumBytes)")
        }
        revealed = normalized
        codePointCount = normalized.unicodeScalars.count
        // Bytes, not `String ==`: Swift's string equality is canonical equivalence, under which an NFD
        // spelling equals its NFC form although a system hashing raw bytes saw different input.
        typedForm = normalized.utf8.elementsEqual(password.utf8) ? nil : password
    }

    /// Whether `text` is all ASCII, and so already in NFKC.
    /// `text` in NFKC, unbounded: the one place CRMAuth calls Foundation's normalization. ASCII is
    /// already NFKC, and skipping Foundation keeps the common case fast.
    package static func nfkc(_ text: String) -> String {
        isASCII(text) ? text : text.precomposedStringWithCompatibilityMapping
    }

    package static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The size in UTF-8 bytes of the password as typed (before normalization).
    package var typedByteCount: Int { (typedForm ?? revealed).utf8.count }

    /// Compares the NFKC forms in constant time: every spelling of one password is equal.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        ConstantTime.equals(Array(lhs.revealed.utf8), Array(rhs.revealed.utf8))
    }

    /// `<redacted>`: the password never reaches a log through string interpolation.
    public var description: String { "<redacted>" }
    /// `NormalizedPassword(<redacted>)`, what `debugDescription`, `dump` and `Mirror` show.
    public var redactedDescription: String { "NormalizedPassword(<redacted>)" }
}
