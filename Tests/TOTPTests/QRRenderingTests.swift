import AuthCore
import Testing

@testable import TOTP

@Suite("QR code renderers")
struct QRRenderingTests {
    static let code = try! QRCode(encoding: "otpauth://totp/Acme:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme")

    /// The module rectangles of the SVG's one path, read back as a set of dark (row, column) cells.
    static func darkCells(inPath path: String) -> Set<[Int]>? {
        var cells = Set<[Int]>()
        for command in path.split(separator: "z") {
            // Each rectangle is "Mx,yhWv1h-W".
            let parts = command.dropFirst().split(whereSeparator: { ",hv".contains($0) })
            guard command.first == "M", parts.count == 5, let x = Int(parts[0]), let y = Int(parts[1]),
                let width = Int(parts[2]), parts[3] == "1", parts[4] == "-\(width)", width > 0
            else { return nil }
            for column in x..<x + width { cells.insert([y, column]) }
        }
        return cells
    }

    @Test("SVG: one path of the dark modules over a white square, 4-module quiet zone, viewBox in modules")
    func svg() throws {
        let code = Self.code
        let svg = code.svg()
        let side = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("width=\"\(side * 8)\" height=\"\(side * 8)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"))
        #expect(svg.ranges(of: "<path").count == 1)
        let path = try #require(svg.split(separator: " d=\"").last?.prefix(while: { $0 != "\"" }))
        let cells = try #require(Self.darkCells(inPath: String(path)))
        var expected = Set<[Int]>()
        for row in 0..<code.size {
            for column in 0..<code.size where code.isDark(row: row, column: column) {
                expected.insert([row + 4, column + 4])
            }
        }
        #expect(cells == expected)
        #expect(try code.svg(pixelsPerModule: 0).contains("width=\"\(side)\""))
        #expect(try code.svg(pixelsPerModule: 8) == svg)
    }

    /// Regression (finding 1): the default size was `side * pixelsPerModule` with no bound, which
    /// overflowed and trapped for a large enough value.
    @Test(
        "regression: a huge pixelsPerModule overflowed the SVG size and trapped",
        arguments: [1_001, Int.max / 50, Int.max])
    func hugePixelsPerModule(pixels: Int) throws {
        #expect(throws: TOTPError.parameterOutOfRange) { try Self.code.svg(pixelsPerModule: pixels) }
    }

    @Test("the largest pixelsPerModule sets the size in pixels")
    func largestPixelsPerModule() throws {
        let side = Self.code.size + 8
        let svg = try Self.code.svg(pixelsPerModule: QRCode.maximumPixelsPerModule)
        #expect(svg.contains("width=\"\(side * 1_000)\" height=\"\(side * 1_000)\""))
    }

    @Test("terminal text: two module rows per line, half blocks only, quiet zone, both backgrounds")
    func terminalText() throws {
        let code = Self.code
        let side = code.size + 8
        for background in [QRCode.TerminalBackground.dark, .light] {
            let lines = code.terminalText(background: background).split(
                separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == (side + 1) / 2)
            let ink: Character = background == .dark ? "\u{2588}" : " "
            #expect(lines.first == Substring(String(repeating: ink, count: side)))
            for (index, line) in lines.enumerated() {
                #expect(line.unicodeScalars.count == side)
                for (column, character) in line.enumerated() {
                    #expect(" \u{2580}\u{2584}\u{2588}".contains(character))
                    // The glyph marks light modules on a dark terminal, dark modules on a light one.
                    let top = character == "\u{2588}" || character == "\u{2580}"
                    let bottom = character == "\u{2588}" || character == "\u{2584}"
                    let row = 2 * index - 4
                    let topIsDark = code.isDark(row: row, column: column - 4)
                    #expect(top == (background == .dark ? !topIsDark : topIsDark))
                    if row + 1 < code.size + 4 {
                        let bottomIsDark = code.isDark(row: row + 1, column: column - 4)
                        #expect(bottom == (background == .dark ? !bottomIsDark : bottomIsDark))
                    } else {
                        #expect(!bottom, "past the quiet zone the terminal background shows")
                    }
                }
            }
        }
    }

    @Test("an otpauth URI's QR code encodes its revealed string at level M by default")
    func otpauthURI() throws {
        let secret = try OTPSecret(base32: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        let uri = try OTPAuthURI(issuer: "Acme CRM", account: "alice@example.com", secret: secret)
        let code = try uri.qrCode()
        #expect(code == (try QRCode(encoding: uri.revealedString)))
        #expect(code.errorCorrection == .medium)
        #expect(code.version == 8)  // 134 bytes; version 7 holds 122 at level M
        #expect(try uri.qrCode(errorCorrection: .high).version > code.version)
    }

    @Test("a URI too long for any QR code is a typed error, not a crash")
    func otpauthURITooLong() throws {
        // Names of characters that percent-encode to three bytes each: about 1,900 bytes written. An
        // OTPAuthURI is at most 2,048 bytes (it must parse back), which fits level M (2,331 bytes at
        // version 40) but not level Q (1,663) or H (1,273).
        let name = String(repeating: "?", count: 200)
        let uri = try OTPAuthURI(issuer: name, account: name, secret: OTPSecret.generate())
        #expect(throws: TOTPError.qrCodeCapacityExceeded) { try uri.qrCode(errorCorrection: .high) }
        #expect(throws: TOTPError.qrCodeCapacityExceeded) { try uri.qrCode(errorCorrection: .quartile) }
        let length = uri.revealedString.utf8.count
        #expect(length > 1_663)
        let smallest = QRCode.versions.first {
            (QRCode.byteCapacity(version: $0, errorCorrection: .low) ?? 0) >= length
        }
        #expect(try uri.qrCode(errorCorrection: .low).version == smallest)
        #expect(smallest == 32)
    }
}
