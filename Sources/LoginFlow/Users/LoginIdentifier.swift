import AuthCore

import struct Foundation.CharacterSet

/// A login identifier as a person typed it (an email address or a username) and the key it is looked
/// up by.
///
/// People type their email address in whatever case and form their keyboard produces: `Ana@Example.com`,
/// `ana@example.com `, a full-width `ａｎａ@example.com` from a phone's IME. All of these are one account.
/// ``key`` is the normalized form stores index and compare: surrounding whitespace removed, Unicode
/// compatibility normalization (NFKC, which folds full-width and other presentation forms), then
/// lowercased, then NFKC again so the result is stable, and the Greek final sigma `ς` read as `σ`. ``text`` keeps what was given (trimmed), which is
/// what the account shows.
///
/// Equality and hashing use the key, byte for byte (as a database's unique index on the key column does).
///
/// The key lowercases; it does not case-fold. Lowercasing is the mapping RFC 8265's case-mapped username
/// profile uses (Unicode's `toLowerCase`); full case folding would also merge `ß` with `ss` and turn
/// lowercase Cherokee into capitals, joining identifiers their owners consider different. One step of
/// case folding is taken: the final sigma `ς` becomes `σ`. Lowercasing alone maps a capital `Σ` to `σ`
/// wherever it stands (Swift's mapping has no Final_Sigma context rule), so a Greek name typed in
/// capitals (`ΟΔΟΣ`) and the same name typed in lower case with its final `ς` (`οδος`) would be two
/// accounts; with the fold they are one key, and the rule still reads each character alone.
///
/// ```swift
/// let typed = try LoginIdentifier(parsing: form["identifier"] ?? "")  // email if it holds an `@`
/// let user = try await users.user(identifier: typed)
/// ```
public struct LoginIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// Which kind of identifier this is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An email address: the identifier every user has.
        case email
        /// An optional username.
        case username
    }

    /// The longest input read at all, in UTF-8 bytes, before trimming: longer input is refused before
    /// any normalization work.
    public static let maximumInputBytes = 1024
    /// The longest email address, in UTF-8 bytes of its key (RFC 5321 §4.5.3.1.3 limits a path to 256
    /// octets including the angle brackets).
    public static let maximumEmailBytes = 254
    /// The longest local part of an email address, in UTF-8 bytes of its key (RFC 5321 §4.5.3.1.1).
    public static let maximumLocalPartBytes = 64
    /// The longest username, in UTF-8 bytes of its key.
    public static let maximumUsernameBytes = 64

    /// Email or username.
    public let kind: Kind
    /// The identifier as given, with surrounding whitespace removed: what the account displays.
    public let text: String
    /// The normalized form every store indexes and compares, byte for byte.
    public let key: String

    /// Validates `email` as an email address.
    /// - Parameter email: the address as typed.
    /// - Throws: ``LoginFlowError/invalidIdentifier`` naming the rule it breaks.
    public init(email: String) throws(LoginFlowError) {
        let (text, key) = try Self.normalize(email)
        try Self.validateEmail(key)
        self.init(kind: .email, text: text, key: key)
    }

    /// Validates `username` as a username: letters, digits, `.`, `_` and `-`, starting with a letter or
    /// digit, at most ``maximumUsernameBytes`` bytes once normalized.
    /// - Parameter username: the username as typed.
    /// - Throws: ``LoginFlowError/invalidIdentifier`` naming the rule it breaks.
    public init(username: String) throws(LoginFlowError) {
        let (text, key) = try Self.normalize(username)
        try Self.validateUsername(key)
        self.init(kind: .username, text: text, key: key)
    }

    /// Reads what a person typed in a login form's one identifier field: an email address if its
    /// normalized form holds an `@` (so a full-width `＠` from a phone's IME counts, as it does for
    /// ``init(email:)``), a username otherwise.
    /// - Parameter typed: the field's text.
    /// - Throws: ``LoginFlowError/invalidIdentifier`` naming the rule it breaks.
    public init(parsing typed: String) throws(LoginFlowError) {
        let (text, key) = try Self.normalize(typed)
        if key.utf8.contains(UInt8(ascii: "@")) {
            try Self.validateEmail(key)
            self.init(kind: .email, text: text, key: key)
        } else {
            try Self.validateUsername(key)
            self.init(kind: .username, text: text, key: key)
        }
    }

    private init(kind: Kind, text: String, key: String) {
        self.kind = kind
        self.text = text
        self.key = key
    }

    /// Compares keys byte for byte, and kinds.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.kind == rhs.kind && ExactText(lhs.key) == ExactText(rhs.key)
    }

    /// Hashes the kind and the key's bytes, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        ExactText(key).hash(into: &hasher)
    }

    /// The kind and the text as given (identifiers are not secrets, but logs should prefer the user id).
    public var description: String { "\(kind): \(text)" }

    /// `text` with every final sigma `ς` (U+03C2) as `σ` (U+03C3), the one step of Unicode case folding
    /// the key takes (both are starters without decompositions, so the result stays NFKC).
    private static func foldingFinalSigma(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{3C2}") else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{3C2}" ? "\u{3C3}" : $0 }))
    }

    private static func normalize(_ raw: String) throws(LoginFlowError) -> (text: String, key: String) {
        guard raw.utf8.count <= maximumInputBytes else {
            throw LoginFlowError(.invalidIdentifier, "longer than \(maximumInputBytes) bytes")
        }
        if let ascii = try normalizeASCII(raw) { return ascii }
        return try normalizeUnicode(raw)
    }

    /// What ``normalizeUnicode(_:)`` answers, for input that is all ASCII, without Foundation's
    /// character sets and normalization (which cost about ten times as much, and every stored account
    /// read parses its identifiers again): ASCII is its own NFKC form, its lowercase maps `A`-`Z` only,
    /// and its whitespace and controls are U+0000-U+0020 and U+007F. A test compares both on every
    /// string of up to two ASCII characters and on framed ones. `nil` for input holding any other byte.
    static func normalizeASCII(_ raw: String) throws(LoginFlowError) -> (text: String, key: String)? {
        guard raw.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let bytes = Array(raw.utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { throw LoginFlowError(.invalidIdentifier, "empty") }
        let trimmed = bytes[start..<end]
        if let invisible = trimmed.first(where: { $0 <= 0x20 || $0 == 0x7F }) {
            throw LoginFlowError(
                .invalidIdentifier,
                "contains a control, whitespace or unassigned character (U+\(hex(Unicode.Scalar(invisible))))")
        }
        let key = trimmed.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return (String(decoding: trimmed, as: UTF8.self), String(decoding: key, as: UTF8.self))
    }

    /// The normalization itself, for any input (``normalizeASCII(_:)`` is its fast path).
    static func normalizeUnicode(_ raw: String) throws(LoginFlowError) -> (text: String, key: String) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw LoginFlowError(.invalidIdentifier, "empty") }
        try refuseInvisible(text, "")
        let key = Self.foldingFinalSigma(
            text.precomposedStringWithCompatibilityMapping.lowercased().precomposedStringWithCompatibilityMapping)
        // Compatibility mapping can bring a space in (U+00A8 DIAERESIS is U+0020 U+0308, U+FDFA is a
        // phrase of four words): the key is checked too, so no key holds whitespace and every key
        // parses again to itself.
        try refuseInvisible(key, " once normalized")
        return (text, key)
    }

    private static func refuseInvisible(_ text: String, _ context: String) throws(LoginFlowError) {
        for scalar in text.unicodeScalars
        where CharacterSet.controlCharacters.contains(scalar) || CharacterSet.whitespacesAndNewlines.contains(scalar)
            || CharacterSet.illegalCharacters.contains(scalar)
        {
            throw LoginFlowError(
                .invalidIdentifier,
                "contains a control, whitespace or unassigned character\(context) (U+\(hex(scalar)))")
        }
    }

    private static func validateEmail(_ key: String) throws(LoginFlowError) {
        let bytes = Array(key.utf8)
        guard bytes.count <= maximumEmailBytes else {
            throw LoginFlowError(.invalidIdentifier, "an email address is at most \(maximumEmailBytes) bytes")
        }
        let ats = bytes.indices.filter { bytes[$0] == UInt8(ascii: "@") }
        guard ats.count == 1, let at = ats.first else {
            throw LoginFlowError(.invalidIdentifier, "an email address holds exactly one @")
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= maximumLocalPartBytes else {
            throw LoginFlowError(.invalidIdentifier, "the part before @ is 1 to \(maximumLocalPartBytes) bytes")
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard !domain.isEmpty, labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 }) else {
            throw LoginFlowError(.invalidIdentifier, "the domain has an empty or over-long label")
        }
        for label in labels where label.first == UInt8(ascii: "-") || label.last == UInt8(ascii: "-") {
            throw LoginFlowError(.invalidIdentifier, "a domain label starts or ends with a hyphen")
        }
    }

    private static func validateUsername(_ key: String) throws(LoginFlowError) {
        guard key.utf8.count <= maximumUsernameBytes else {
            throw LoginFlowError(.invalidIdentifier, "a username is at most \(maximumUsernameBytes) bytes")
        }
        let allowedPunctuation: Set<Unicode.Scalar> = [".", "_", "-"]
        var first = true
        for scalar in key.unicodeScalars {
            let isWordCharacter = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if first, !isWordCharacter {
                throw LoginFlowError(.invalidIdentifier, "a username starts with a letter or digit")
            }
            guard isWordCharacter || allowedPunctuation.contains(scalar) || scalar.properties.generalCategory.isMark
            else {
                throw LoginFlowError(
                    .invalidIdentifier, "a username holds letters, digits, '.', '_' and '-' only (U+\(hex(scalar)))")
            }
            first = false
        }
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isMark: Bool {
        switch self {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
