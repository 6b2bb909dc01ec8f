extension QRCode {
    /// The light margin renderers draw around the symbol, in modules: 4, the width ISO/IEC
    /// 18004:2015 §6.3.8 requires.
    public static let quietZoneWidth = 4

    /// The largest ``svg(pixelsPerModule:)`` accepts: 1,000 pixels per module, 185,000 pixels across
    /// for the largest symbol. The value only sets the default size, so nothing needs more.
    public static let maximumPixelsPerModule = 1_000

    /// An SVG document of the symbol: black modules on a white square with the 4-module quiet zone,
    /// 8 pixels per module by default.
    ///
    /// The dark modules are one `<path>` (a rectangle per horizontal run) over one white `<rect>`, so
    /// the code stays readable on a dark page. The `viewBox` counts modules, so the image scales to
    /// any size without blurring (`shape-rendering="crispEdges"` keeps module edges sharp); `width`
    /// and `height` give its default size, which CSS may override.
    public func svg() -> String {
        svg(checkedPixelsPerModule: 8)
    }

    /// ``svg()`` with `pixelsPerModule` pixels per module as the default size; values below 1 count as 1.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` above ``maximumPixelsPerModule`` (the size in
    ///   pixels would overflow for large enough values).
    public func svg(pixelsPerModule: Int) throws(TOTPError) -> String {
        guard pixelsPerModule <= Self.maximumPixelsPerModule else {
            throw TOTPError(.parameterOutOfRange, "pixels per module must be at most \(Self.maximumPixelsPerModule)")
        }
        return svg(checkedPixelsPerModule: max(1, pixelsPerModule))
    }

    private func svg(checkedPixelsPerModule pixelsPerModule: Int) -> String {
        let side = size + 2 * Self.quietZoneWidth
        let pixels = side * pixelsPerModule
        // Built as UTF-8 bytes: string interpolation per rectangle costs several times more.
        var path = [UInt8]()
        path.reserveCapacity(size * size * 4)
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, isDark(row: row, column: column) { column += 1 }
                // "M<x>,<y>h<width>v1h-<width>z": one rectangle per horizontal run of dark modules.
                path.append(UInt8(ascii: "M"))
                Self.appendDecimal(start + Self.quietZoneWidth, to: &path)
                path.append(UInt8(ascii: ","))
                Self.appendDecimal(row + Self.quietZoneWidth, to: &path)
                path.append(UInt8(ascii: "h"))
                Self.appendDecimal(column - start, to: &path)
                path += [UInt8(ascii: "v"), UInt8(ascii: "1"), UInt8(ascii: "h"), UInt8(ascii: "-")]
                Self.appendDecimal(column - start, to: &path)
                path.append(UInt8(ascii: "z"))
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(String(decoding: path, as: UTF8.self))"/></svg>

            """
    }

    /// Appends the decimal digits of a number 0...999 (coordinates of a symbol at most 185 wide).
    private static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
        if number >= 100 { bytes.append(UInt8(truncatingIfNeeded: 0x30 + number / 100)) }
        if number >= 10 { bytes.append(UInt8(truncatingIfNeeded: 0x30 + number / 10 % 10)) }
        bytes.append(UInt8(truncatingIfNeeded: 0x30 + number % 10))
    }
}
