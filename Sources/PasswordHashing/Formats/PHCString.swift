import AuthCore

/// The PHC string format: `$id[$v=version][$param=value(,param=value)*][$salt[$hash]]`.
///
/// Parsing is strict and bounded: identifiers and parameter names are lower-case ASCII, values are
/// `[A-Za-z0-9/+.-]`, and salt and hash use unpadded Base64 (the standard alphabet by default, or
/// passlib's "adapted" alphabet with `.` in place of `+`).
/// See https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md.
package struct PHCString: Sendable, Hashable {
    /// The algorithm identifier, e.g. `argon2id`.
    package var id: String
    /// The `v=` field, when present.
    package var version: Int?
    /// Parameters in the order they appeared.
    package var parameters: [Parameter]
    /// The decoded salt, when present.
    package var salt: [UInt8]?
    /// The decoded hash, when present.
    package var hash: [UInt8]?

    /// One `name=value` parameter.
    package struct Parameter: Sendable, Hashable {
        package var name: String
        package var value: String
    }

    /// Which Base64 alphabet the salt and hash use.
    package enum SaltAlphabet: Sendable {
        /// `A-Za-z0-9+/`, unpadded (PHC, argon2-cffi).
        case standard
        /// passlib's adapted Base64: `.` in place of `+`, unpadded.
        case passlibAdapted
    }

    package init(id: String, version: Int? = nil, parameters: [Parameter], salt: [UInt8]?, hash: [UInt8]?) {
        self.id = id
        self.version = version
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// Parses `text`, decoding salt and hash with `alphabet`.
    package init(parsing text: String, alphabet: SaltAlphabet = .standard, limits: HashingLimits = .default)
        throws(PasswordHashingError)
    {
        guard text.utf8.count <= limits.maxEncodedLength else {
            throw PasswordHashingError(
                .malformedHash, "the hash string is longer than \(limits.maxEncodedLength) bytes")
        }
        var fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields.removeFirst().isEmpty else {
            throw PasswordHashingError(.malformedHash, "a PHC string starts with $")
        }
        let id = fields.removeFirst()
        guard (1...32).contains(id.utf8.count), id.utf8.allSatisfy(Self.isIDByte) else {
            throw PasswordHashingError(.malformedHash, "the algorithm identifier is missing or has invalid characters")
        }
        self.id = String(id)
        version = nil
        parameters = []
        salt = nil
        hash = nil
        if let first = fields.first, first.hasPrefix("v=") {
            fields.removeFirst()
            guard let value = Self.decimal(first.dropFirst(2)) else {
                throw PasswordHashingError(.malformedHash, "the version field is not a decimal number")
            }
            version = value
        }
        if let first = fields.first, first.contains("=") {
            fields.removeFirst()
            for pair in first.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, (1...32).contains(parts[0].utf8.count),
                    parts[0].utf8.allSatisfy(Self.isIDByte), !parts[1].isEmpty,
                    parts[1].utf8.count <= 64, parts[1].utf8.allSatisfy(Self.isValueByte)
                else {
                    throw PasswordHashingError(.malformedHash, "a parameter is not of the form name=value")
                }
                guard !parameters.contains(where: { $0.name == parts[0] }) else {
                    throw PasswordHashingError(.malformedHash, "the parameter \(parts[0]) appears twice")
                }
                parameters.append(Parameter(name: String(parts[0]), value: String(parts[1])))
            }
        }
        guard fields.count <= 2 else {
            throw PasswordHashingError(.malformedHash, "the hash string has too many $-separated fields")
        }
        if fields.count >= 1 { salt = try Self.decode(fields[0], alphabet: alphabet, field: "salt", limits: limits) }
        if fields.count == 2 { hash = try Self.decode(fields[1], alphabet: alphabet, field: "hash", limits: limits) }
    }

    /// The value of parameter `name`, if present.
    package func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The decimal value of parameter `name`, which must be present.
    package func requiredInteger(_ name: String) throws(PasswordHashingError) -> Int {
        guard let text = parameter(name) else {
            throw PasswordHashingError(.malformedHash, "the \(id) hash has no \(name) parameter")
        }
        guard let value = Self.decimal(Substring(text)) else {
            throw PasswordHashingError(.malformedHash, "the \(id) parameter \(name) is not a decimal number")
        }
        return value
    }

    /// Throws unless every parameter is one of `names`.
    package func requireOnly(_ names: Set<String>) throws(PasswordHashingError) {
        for parameter in parameters where !names.contains(parameter.name) {
            throw PasswordHashingError(.malformedHash, "the \(id) hash has an unknown parameter \(parameter.name)")
        }
    }

    /// The encoded string.
    package func encoded(alphabet: SaltAlphabet = .standard) -> String {
        var text = "$" + id
        if let version { text += "$v=\(version)" }
        if !parameters.isEmpty {
            text += "$" + parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        }
        if let salt { text += "$" + Self.encode(salt, alphabet: alphabet) }
        if let hash { text += "$" + Self.encode(hash, alphabet: alphabet) }
        return text
    }

    /// A non-negative decimal without sign or leading zeros, at most 10 digits.
    package static func decimal(_ text: Substring) -> Int? {
        guard (1...10).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            text == "0" || text.first != "0"
        else { return nil }
        return Int(text)
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2d
    }

    private static func isValueByte(_ byte: UInt8) -> Bool {
        (0x61...0x7a).contains(byte) || (0x41...0x5a).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2f || byte == 0x2b || byte == 0x2e || byte == 0x2d
    }

    private static func encode(_ bytes: [UInt8], alphabet: SaltAlphabet) -> String {
        let text = Base64.standardUnpadded.encode(bytes)
        return alphabet == .standard ? text : text.replacing("+", with: ".")
    }

    private static func decode(_ text: Substring, alphabet: SaltAlphabet, field: String, limits: HashingLimits)
        throws(PasswordHashingError) -> [UInt8]
    {
        // Unpadded Base64 of n bytes has ceil(4n/3) characters, so this is the decoded length; computed
        // from the text's length (which cannot overflow) rather than from the configured limit (which could).
        guard text.utf8.count * 3 / 4 <= limits.maxSaltOrHashBytes else {
            throw PasswordHashingError(.exceedsLimits, "the \(field) is longer than \(limits.maxSaltOrHashBytes) bytes")
        }
        if alphabet == .passlibAdapted, text.contains("+") {
            throw PasswordHashingError(.malformedHash, "the \(field) is not valid adapted Base64")
        }
        guard !text.contains("=") else {
            throw PasswordHashingError(.malformedHash, "the \(field) is padded; PHC strings use unpadded Base64")
        }
        let standard = alphabet == .standard ? String(text) : String(text).replacing(".", with: "+")
        do {
            return try Base64.standardUnpadded.decode(standard)
        } catch {
            throw PasswordHashingError(.malformedHash, "the \(field) is not valid Base64")
        }
    }
}
