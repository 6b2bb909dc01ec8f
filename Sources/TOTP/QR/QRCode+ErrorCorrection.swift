extension QRCode {
    /// How much of a symbol can be damaged and still read (ISO/IEC 18004:2015 §4.14, Table 9).
    ///
    /// Higher levels spend more codewords on Reed-Solomon error correction, so the same data needs a
    /// larger version. ``medium`` is the usual choice for a code shown on a screen.
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Level L: about 7 % of codewords can be restored.
        case low
        /// Level M: about 15 % of codewords can be restored.
        case medium
        /// Level Q: about 25 % of codewords can be restored.
        case quartile
        /// Level H: about 30 % of codewords can be restored.
        case high

        /// The two-bit indicator in the format information (Table 12): L 01, M 00, Q 11, H 10.
        var formatIndicator: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }

        /// The level's letter: L, M, Q or H.
        public var description: String {
            switch self {
            case .low: "L"
            case .medium: "M"
            case .quartile: "Q"
            case .high: "H"
            }
        }
    }
}
