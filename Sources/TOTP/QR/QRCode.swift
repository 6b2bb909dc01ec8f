/// A QR Code symbol (ISO/IEC 18004:2015) holding bytes in byte mode, ready to render.
///
/// ```swift
/// let code = try QRCode(encoding: uri.revealedString)        // level M, smallest version that fits
/// code.size                                                   // modules per side, 21...177
/// code.isDark(row: 0, column: 0)                              // true: a finder pattern's corner
/// let svg = code.svg()                                        // for a web page
/// print(code.terminalText())                                  // for a terminal
/// ```
///
/// Encoding picks the smallest version (1...40) whose capacity at the requested error-correction
/// level holds the data, then the mask with the lowest penalty (§7.8.3). Text is encoded as its
/// UTF-8 bytes without an ECI header, which is what authenticator apps and common readers expect for
/// `otpauth://` URIs (they are ASCII after percent-encoding).
public struct QRCode: Sendable, Hashable {
    /// The symbol versions, each 4 modules wider than the one before.
    public static let versions = 1...40

    /// The symbol version, 1...40.
    public let version: Int
    /// The error-correction level.
    public let errorCorrection: ErrorCorrection
    /// The data mask pattern, 0...7 (§7.8.2).
    public let mask: Int
    /// Modules per side: 17 + 4 × ``version``.
    public let size: Int
    /// 1 for dark, 0 for light, row by row from the top left.
    let modules: [UInt8]

    /// Encodes `bytes` in byte mode.
    ///
    /// - Parameters:
    ///   - bytes: The data to encode, usually an `otpauth://` URI's UTF-8.
    ///   - errorCorrection: The level; ``ErrorCorrection/medium`` by default.
    ///   - minimumVersion: The smallest version to use (1 by default); a larger one is chosen if the
    ///     data needs it.
    ///   - mask: The mask pattern 0...7; `nil` (the default and the right choice unless another
    ///     encoder's output must be reproduced) picks the one with the lowest penalty.
    /// - Throws: ``TOTPError/qrCodeCapacityExceeded`` if the bytes do not fit version 40 at the
    ///   level (at most 2,331 bytes at level M); ``TOTPError/parameterOutOfRange`` for a minimum
    ///   version outside 1...40 or a mask outside 0...7.
    public init(
        encoding bytes: [UInt8], errorCorrection: ErrorCorrection = .medium, minimumVersion: Int = 1,
        mask: Int? = nil
    ) throws(TOTPError) {
        guard let firstVersion = QRVersion(minimumVersion) else {
            throw TOTPError(.parameterOutOfRange, "the minimum QR version must be 1...40")
        }
        let forcedMask = try mask.map { number throws(TOTPError) in
            guard let mask = QRMask(number) else {
                throw TOTPError(.parameterOutOfRange, "the QR mask must be 0...7")
            }
            return mask
        }
        guard
            let version = (firstVersion.number...40).lazy.compactMap(QRVersion.init)
                .first(where: { $0.byteCapacity(errorCorrection) >= bytes.count })
        else {
            let limit = QRVersion(40).map { $0.byteCapacity(errorCorrection) } ?? 0
            throw TOTPError(
                .qrCodeCapacityExceeded,
                "\(bytes.count) bytes do not fit a QR code at level \(errorCorrection) (at most \(limit))")
        }
        let data = QRCodewords.dataCodewords(bytes, version: version, level: errorCorrection)
        var unmasked = QRMatrix(version: version)
        unmasked.placeCodewords(QRCodewords.interleaved(data, version: version, level: errorCorrection))

        let candidates = forcedMask.map { [$0] } ?? QRMask.all
        var chosen = (matrix: unmasked, mask: candidates[0], score: Int.max)
        for candidate in candidates {
            var matrix = unmasked
            matrix.apply(candidate)
            matrix.drawFormatInformation(errorCorrection, mask: candidate)
            let score = candidates.count == 1 ? 0 : QRPenalty(matrix).total
            // Strictly lower: on a tie the lower mask number stays.
            if score < chosen.score { chosen = (matrix, candidate, score) }
        }
        self.version = version.number
        self.errorCorrection = errorCorrection
        self.mask = chosen.mask.number
        self.size = version.size
        self.modules = chosen.matrix.modules
    }

    /// Encodes the UTF-8 bytes of `text` in byte mode; see the byte initializer.
    public init(
        encoding text: String, errorCorrection: ErrorCorrection = .medium, minimumVersion: Int = 1,
        mask: Int? = nil
    ) throws(TOTPError) {
        try self.init(
            encoding: Array(text.utf8), errorCorrection: errorCorrection, minimumVersion: minimumVersion,
            mask: mask)
    }

    /// Whether the module at `row`, `column` (0 is the top row and left column) is dark; modules
    /// outside the symbol, such as the quiet zone around it, are light.
    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column] == 1
    }

    /// The most bytes a symbol of `version` holds at `errorCorrection`, or `nil` for a version
    /// outside 1...40.
    public static func byteCapacity(version: Int, errorCorrection: ErrorCorrection) -> Int? {
        QRVersion(version)?.byteCapacity(errorCorrection)
    }
}
