import AuthCore

extension OTPAuthURI {
    /// Parses an `otpauth://totp/...` or `otpauth://hotp/...` URI.
    ///
    /// Reads at most ``maximumLength`` bytes. Scheme, type and parameter names are case-insensitive;
    /// unknown parameters (`image`, ...) are ignored; a repeated parameter is refused. `+` in a parameter
    /// value is read as a space (form encoding); in the label it is a literal `+`.
    ///
    /// - Throws: a ``TOTPError`` saying what is wrong: ``TOTPError/inputTooLong``,
    ///   ``TOTPError/invalidURI`` (scheme, type, escapes, label), ``TOTPError/missingParameter``
    ///   (`secret`, or `counter` for HOTP), ``TOTPError/invalidSecret`` (bad Base32, under 128 bits),
    ///   ``TOTPError/unsupportedAlgorithm``, ``TOTPError/parameterOutOfRange`` (digits outside 6...8,
    ///   period outside 1...86400, counter not a UInt64), ``TOTPError/issuerMismatch``.
    public init(parsing text: String) throws(TOTPError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw TOTPError(.inputTooLong, "URI is over \(Self.maximumLength) bytes")
        }
        let prefix = "otpauth://"
        guard text.utf8.count > prefix.utf8.count, text.prefix(prefix.count).lowercased() == prefix else {
            throw TOTPError(.invalidURI, "the scheme is not otpauth://")
        }
        let rest = text.dropFirst(prefix.count)
        guard let slash = rest.firstIndex(of: "/") else { throw TOTPError(.invalidURI, "no label") }
        let type = rest[..<slash].lowercased()
        guard type == "totp" || type == "hotp" else {
            throw TOTPError(.invalidURI, "the type is neither totp nor hotp")
        }
        let afterType = rest[rest.index(after: slash)...]
        let labelText = afterType.prefix { $0 != "?" }
        let queryText = afterType.dropFirst(labelText.count).dropFirst()

        let (labelIssuer, account) = try Self.parseLabel(labelText)
        let parameters = try Self.parseQuery(queryText)

        guard let secretText = parameters["secret"] else {
            throw TOTPError(.missingParameter, "the secret parameter is missing")
        }
        let secret = try OTPSecret(base32: secretText)

        var issuer = labelIssuer
        if let parameterIssuer = parameters["issuer"], !parameterIssuer.isEmpty {
            if let labelIssuer, labelIssuer != parameterIssuer {
                throw TOTPError(.issuerMismatch, "the label's issuer differs from the issuer parameter")
            }
            issuer = parameterIssuer
        }

        var algorithm = HashFunction.sha1
        if let name = parameters["algorithm"] {
            guard let named = HashFunction(rawValue: name.uppercased()) else {
                throw TOTPError(.unsupportedAlgorithm, "algorithm must be SHA1, SHA256 or SHA512")
            }
            algorithm = named
        }

        let digits =
            try parameters["digits"].map { (text: String) throws(TOTPError) in
                try Self.number(text, name: "digits", in: 6...8)
            } ?? 6

        let kind: Kind
        if type == "totp" {
            let period =
                try parameters["period"].map { (text: String) throws(TOTPError) in
                    try Self.number(text, name: "period", in: 1...TOTPConfiguration.maximumPeriod)
                } ?? 30
            kind = .totp(period: period)
        } else {
            guard let counterText = parameters["counter"] else {
                throw TOTPError(.missingParameter, "an hotp URI needs a counter parameter")
            }
            guard counterText.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let counter = UInt64(counterText) else {
                throw TOTPError(.parameterOutOfRange, "counter must be a 64-bit unsigned number")
            }
            kind = .hotp(counter: counter)
        }

        try self.init(
            kind: kind, issuer: issuer, account: account, secret: secret, algorithm: algorithm, digits: digits)
    }

    /// Splits `Issuer:account` (the colon written or as `%3A`, spaces allowed after it).
    private static func parseLabel(_ text: Substring) throws(TOTPError) -> (issuer: String?, account: String) {
        let label = try PercentEncoding.decode(text, plusAsSpace: false)
        guard let colon = label.firstIndex(of: ":") else { return (nil, label) }
        let issuer = String(label[..<colon])
        let account = String(label[label.index(after: colon)...].drop { $0 == " " })
        guard !issuer.isEmpty else { throw TOTPError(.invalidURI, "the label's issuer is empty") }
        return (issuer, account)
    }

    /// The query's parameters by lower-cased name, values decoded.
    private static func parseQuery(_ text: Substring) throws(TOTPError) -> [String: String] {
        var parameters: [String: String] = [:]
        for item in text.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = item.firstIndex(of: "=") else {
                throw TOTPError(.invalidURI, "a parameter has no '='")
            }
            let name = try PercentEncoding.decode(item[..<equals], plusAsSpace: true).lowercased()
            let value = try PercentEncoding.decode(item[item.index(after: equals)...], plusAsSpace: true)
            guard parameters.updateValue(value, forKey: name) == nil else {
                throw TOTPError(.invalidURI, "the parameter \(name) appears twice")
            }
        }
        return parameters
    }

    /// A decimal parameter in `range`, refusing signs, spaces and overlong digit strings.
    private static func number<Value: FixedWidthInteger>(
        _ text: String, name: String, in range: ClosedRange<Value>
    ) throws(TOTPError) -> Value {
        guard text.utf8.count <= 20, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let value = Value(text), range.contains(value)
        else {
            throw TOTPError(.parameterOutOfRange, "\(name) must be in \(range)")
        }
        return value
    }
}
