import AuthCore
import Foundation

/// A password in the form CRMAuth checks, hashes and compares: Unicode NFKC, bounded in size.
///
/// NIST SP 800-63B rev. 4 §3.1.1.2 asks verifiers to apply Unicode normalization (NFKC or NFKD)
/// before hashing, so that the same password typed on two keyboards produces the same bytes: a
/// full-width `ＡＢＣ` becomes `ABC`, the ligature `ﬁ` becomes `fi`, and `e` followed by a combining
/// acute accent becomes the single code point `é`.
///
/// Hash and verify ``revealed``, not the text the person typed, everywhere (registration, login,
/// password change and history), or a password typed on another device will not match.
///
/// ```swift
/// let password = try NormalizedPassword(typed)
/// let stored = try await hasher.hash(password.revealed)
/// ```
///
/// Size is bounded twice, both times with ``PasswordPolicyError/passwordTooLong`` and never by
/// truncation: the input is measured in UTF-8 bytes *before* normalization (NFKC can expand a
/// single code point, U+FDFA, into 18, so the work is bounded by the input's size), and the
/// normalized form is measured again, so that what passes always fits a ``PasswordHasher`` whose
/// `maxPasswordBytes` is at least the same bound.
public struct NormalizedPassword: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The default bound, 4096 UTF-8 bytes: the default `HashingLimits.maxPasswordBytes`, so every
    /// password the default policy accepts can be hashed by the default hasher.
    public static let defaultMaximumBytes = 4096

    /// The NFKC form. Reading it is deliberate; hash this, never the typed text.
    public let revealed: String
    /// The length in Unicode code points (scalars) of the NFKC form; the length NIST's rules count.
    ///
    /// Code points, not user-perceived characters: `é` is one, a flag emoji is two (two regional
    /// indicators), and a family emoji joined with zero-width joiners counts every person and joiner.
    public let codePointCount: Int

    /// Normalizes `password` to NFKC.
    ///
    /// - Parameter maximumBytes: the largest accepted size in UTF-8 bytes, of the input and of its
    ///   normalized form.
    /// - Throws: ``PasswordPolicyError/passwordTooLong`` when either is larger.
    public init(_ password: String, maximumBytes: Int = Self.defaultMaximumBytes) throws(PasswordPolicyError) {
        let inputBytes = password.utf8.count
        guard inputBytes <= maximumBytes else {
            throw PasswordPolicyError(.passwordTooLong, "the password is \(inputBytes) bytes; the maximum is \(maximumBytes)")
        }
        let normalized = Self.nfkc(password)
        let normalizedBytes = normalized.utf8.count
        guard normalizedBytes <= maximumBytes else {
            throw PasswordPolicyError(
                .passwordTooLong, "the password is \(normalizedBytes) bytes after normalization; the maximum is \(maximumBytes)")
        }
        revealed = normalized
        codePointCount = normalized.unicodeScalars.count
    }

    /// `text` in NFKC, unbounded: the one place CRMAuth calls Foundation's normalization. ASCII is
    /// already NFKC, and skipping Foundation keeps the common case fast.
    static func nfkc(_ text: String) -> String {
        isASCII(text) ? text : text.precomposedStringWithCompatibilityMapping
    }

    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Compares the NFKC forms in constant time.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        ConstantTime.equals(Array(lhs.revealed.utf8), Array(rhs.revealed.utf8))
    }

    /// `<redacted>`: the password never reaches a log through string interpolation.
    public var description: String { "<redacted>" }
    /// `NormalizedPassword(<redacted>)`.
    public var debugDescription: String { "NormalizedPassword(<redacted>)" }
    /// No children, so `dump` shows nothing of the password.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
