extension QRCode {
    /// The colours of the terminal that will show ``terminalText(background:)``.
    public enum TerminalBackground: Sendable, Hashable {
        /// Light text on a dark background, the default of most terminals: the block characters
        /// draw the light modules and the quiet zone, and the background shows through as dark.
        case dark
        /// Dark text on a light background: the block characters draw the dark modules (the
        /// inverse of ``dark``).
        case light
    }

    /// The symbol as text for a terminal: two module rows per line in the half-block characters
    /// `▀` (U+2580), `▄` (U+2584), `█` (U+2588) and space, with the 4-module quiet zone.
    ///
    /// A reader needs dark modules on a light surround. A character cell's glyph has the text
    /// colour and the rest of the cell the background colour, so which modules get the glyph depends
    /// on the terminal's colours: pass the `background` the terminal really has (``TerminalBackground/dark``
    /// by default). The wrong choice prints a negative image, which many readers refuse.
    /// Lines are separated by `\n`, with no newline after the last; use a font without line spacing.
    public func terminalText(background: TerminalBackground = .dark) -> String {
        let margin = Self.quietZoneWidth
        let inkIsDark = background == .light
        func ink(_ row: Int, _ column: Int) -> Bool {
            // Rows past the quiet zone (the unpaired last one) are left to the background.
            guard row < size + margin else { return false }
            return isDark(row: row, column: column) == inkIsDark
        }
        // UTF-8 of " ", "▀", "▄" and "█", indexed by (top ink ? 1 : 0) + (bottom ink ? 2 : 0).
        let glyphs: [[UInt8]] = [[0x20], [0xE2, 0x96, 0x80], [0xE2, 0x96, 0x84], [0xE2, 0x96, 0x88]]
        var bytes = [UInt8]()
        bytes.reserveCapacity((3 * (size + 2 * margin) + 1) * (size / 2 + margin + 1))
        for top in stride(from: -margin, to: size + margin, by: 2) {
            if top > -margin { bytes.append(0x0A) }
            for column in -margin..<size + margin {
                bytes += glyphs[(ink(top, column) ? 1 : 0) + (ink(top + 1, column) ? 2 : 0)]
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return text
    }
}
