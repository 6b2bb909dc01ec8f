/// An identifier that compares, hashes and sorts by its UTF-8 code units, the way a database compares
/// text under a binary or deterministic collation.
///
/// This is the one place the byte-exact rule is stated; every store, manager and in-memory store
/// relies on it through ``UserID``, ``TenantID`` and the module-specific ids that conform.
///
/// Swift's `String` `==` and hashing follow Unicode canonical equivalence, so "café" spelled with
/// U+00E9 and with "e" + U+0301 would be one `String` key. SQLite and PostgreSQL keep them apart.
/// An in-memory store keyed by `String` would merge two accounts a database keeps separate: one
/// user's "sign out everywhere" would sign the other out, and session limits, TOTP replay steps or
/// recovery codes would be shared. Identifiers of these types never merge: case counts, and so does
/// Unicode normalization. Nothing is normalized on creation either: the text is kept as given.
///
/// Every identifier is validated when it is made from outside text: it is non-empty, at most
/// ``maximumUTF8Length`` bytes of UTF-8, and holds no control character (Unicode general category Cc:
/// U+0000–U+001F and U+007F–U+009F), so it fits any database column and cannot break a log line.
///
/// Conforming types store the text in ``rawValue`` and get equality, hashing, ordering, `Codable` (as
/// a plain string) and `description` from this protocol.
public protocol ExactIdentifier: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
where StringLiteralType == String {
    /// The text as given; never normalized.
    var rawValue: String { get }

    /// Validates `rawValue` and wraps it as it is.
    ///
    /// - Throws: ``AuthCoreError/invalidIdentifier`` if it is empty, longer than
    ///   ``maximumUTF8Length`` bytes of UTF-8, or holds a control character.
    init(_ rawValue: String) throws(AuthCoreError)
}

extension ExactIdentifier {
    /// The longest identifier, in bytes of UTF-8: 255, what a `VARCHAR(255)` column holds anywhere.
    public static var maximumUTF8Length: Int { 255 }

    /// Whether both hold the same UTF-8 code units.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        ExactText(lhs.rawValue) == ExactText(rhs.rawValue)
    }

    /// Feeds the UTF-8 code units, so equal bytes hash equally whatever their canonical equivalents.
    public func hash(into hasher: inout Hasher) {
        ExactText(rawValue).hash(into: &hasher)
    }

    /// Orders by UTF-8 code units, as `ORDER BY` does under a binary collation.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }

    /// The identifier's text.
    public var description: String { rawValue }

    /// Decodes from a plain string, validated like ``init(_:)``; invalid text is
    /// `DecodingError.dataCorrupted` whose underlying error is the ``AuthCoreError``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.reason, underlyingError: error))
        }
    }

    /// Encodes as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Makes an identifier from a literal in code (tests, fixtures, constants).
    ///
    /// A literal is written by a programmer, not received from outside, so an invalid one is a
    /// programming error and stops the program; text from requests, files or rows goes through
    /// the throwing ``init(_:)``.
    public init(stringLiteral value: String) {
        do {
            try self.init(value)
        } catch {
            preconditionFailure("invalid identifier literal: \(error)")
        }
    }

    /// Checks the identifier rules on `text`; what ``init(_:)`` of every conforming type calls.
    package static func validate(_ text: String) throws(AuthCoreError) {
        let length = text.utf8.count
        guard length > 0 else {
            throw AuthCoreError(.invalidIdentifier, "\(Self.self) is empty")
        }
        guard length <= Self.maximumUTF8Length else {
            throw AuthCoreError(
                .invalidIdentifier,
                "\(Self.self) is \(length) bytes of UTF-8; at most \(Self.maximumUTF8Length) are allowed")
        }
        if let scalar = firstControlCharacter(in: text.utf8) {
            throw AuthCoreError(
                .invalidIdentifier,
                "\(Self.self) holds the control character U+\(String(scalar, radix: 16, uppercase: true))")
        }
    }
}

/// The first control character (general category Cc) in valid UTF-8, found from the bytes alone.
///
/// Cc is exactly U+0000–U+001F, U+007F and U+0080–U+009F: one byte below 0x20 or equal to 0x7F, or
/// the two bytes 0xC2 0x80–0x9F. Reading bytes rather than each scalar's Unicode properties keeps
/// validation to a pass over at most 255 bytes, cheap enough for every id read from a request or row.
private func firstControlCharacter(in utf8: String.UTF8View) -> UInt32? {
    var previous: UInt8 = 0
    for byte in utf8 {
        if byte < 0x20 || byte == 0x7F { return UInt32(byte) }
        if previous == 0xC2, (0x80...0x9F).contains(byte) { return UInt32(byte) }
        previous = byte
    }
    return nil
}
