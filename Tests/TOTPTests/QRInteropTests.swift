import Foundation
import Testing

@testable import TOTP

/// `Fixtures/qr.json`, written by `Fixtures/generate_qr.py` (python-qrcode 8.2, segno 1.6.6, zbarimg).
struct QRFixture: Decodable {
    struct Symbol: Decodable, CustomTestStringConvertible {
        let name: String
        let payloadHex: String
        let level: String
        let version: Int
        let mask: Int
        let codewordsHex: String
        let rows: [String]
        /// segno's N1...N4 scores of the complete symbol with mask 0...7, then N3 counted at every
        /// position (segno misses a pattern overlapping one it just counted).
        let penalties: [[Int]]
        let segnoSameMatrix: Bool
        let segnoAutomaticMask: Int
        let qrcodeAutomaticMask: Int
        let zbarDecodedHex: String
        var testDescription: String { "\(name) (\(version)-\(level), mask \(mask))" }
    }

    struct Boundary: Decodable, CustomTestStringConvertible {
        let length: Int
        let level: String
        let version: Int?
        var testDescription: String { "\(length) bytes at \(level)" }
    }

    struct Tables: Decodable {
        let blocks: [String: [[Int]]]
        let dataBits: [String: [Int]]
        let alignment: [[Int]]
        let formatInformation: [String: [Int]]
        let versionInformation: [Int]
        let generatorExponents: [String: [Int]]
    }

    let segno: String
    let qrcode: String
    let zbarimg: String
    let tables: Tables
    let boundaries: [Boundary]
    let symbols: [Symbol]

    /// The fixture, or an empty one if it cannot be read (the `loads` test then fails loudly).
    static let shared: QRFixture = {
        guard let url = Bundle.module.url(forResource: "qr", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let fixture = try? JSONDecoder().decode(QRFixture.self, from: data)
        else {
            let tables = Tables(
                blocks: [:], dataBits: [:], alignment: [], formatInformation: [:], versionInformation: [],
                generatorExponents: [:])
            return QRFixture(segno: "", qrcode: "", zbarimg: "", tables: tables, boundaries: [], symbols: [])
        }
        return fixture
    }()
}

/// The level named by its letter in the fixture.
func qrLevel(_ letter: String) throws -> QRCode.ErrorCorrection {
    try #require(QRCode.ErrorCorrection.allCases.first { $0.description == letter })
}

/// The symbol's rows as the fixture writes them: hex digits, most significant bit first, zero-padded.
func qrRows(_ code: QRCode) -> [String] {
    (0..<code.size).map { row in
        var text = ""
        var nibble = 0
        for column in 0..<code.size + (4 - code.size % 4) % 4 {
            nibble = nibble << 1 | (code.isDark(row: row, column: column) ? 1 : 0)
            if column % 4 == 3 {
                text += String(nibble, radix: 16)
                nibble = 0
            }
        }
        return text
    }
}

@Suite("QR interoperability with python-qrcode, segno and zbarimg")
struct QRInteropTests {
    @Test("the fixture loads, covers every version and level, and records its generators")
    func loads() {
        let fixture = QRFixture.shared
        #expect(fixture.symbols.count >= 50)
        #expect(Set(fixture.symbols.map(\.version)) == Set(1...40))
        #expect(Set(fixture.symbols.map(\.level)) == ["L", "M", "Q", "H"])
        #expect(Set(fixture.symbols.map(\.mask)) == Set(0...7))
        #expect(fixture.boundaries.count >= 20)
        // segno agrees module for module on the full symbols, where its padding quirk cannot show.
        #expect(fixture.symbols.filter(\.segnoSameMatrix).count >= 40)
        #expect(!fixture.segno.isEmpty && !fixture.qrcode.isEmpty && fixture.zbarimg.hasPrefix("0."))
    }

    @Test("the matrix equals python-qrcode's module for module", arguments: QRFixture.shared.symbols)
    func matrix(_ symbol: QRFixture.Symbol) throws {
        let code = try QRCode(
            encoding: hex(symbol.payloadHex), errorCorrection: qrLevel(symbol.level),
            minimumVersion: symbol.version, mask: symbol.mask)
        #expect(code.version == symbol.version)
        #expect(code.mask == symbol.mask)
        #expect(code.size == symbol.rows.count)
        #expect(qrRows(code) == symbol.rows)
    }

    @Test("the interleaved codewords equal python-qrcode's", arguments: QRFixture.shared.symbols)
    func codewords(_ symbol: QRFixture.Symbol) throws {
        let version = try #require(QRVersion(symbol.version))
        let level = try qrLevel(symbol.level)
        let data = QRCodewords.dataCodewords(hex(symbol.payloadHex), version: version, level: level)
        #expect(QRCodewords.interleaved(data, version: version, level: level) == hex(symbol.codewordsHex))
    }

    @Test(
        "each mask's penalty equals segno's rule by rule, and the lowest is chosen", arguments: QRFixture.shared.symbols
    )
    func penalties(_ symbol: QRFixture.Symbol) throws {
        let level = try qrLevel(symbol.level)
        for mask in 0...7 {
            let code = try QRCode(
                encoding: hex(symbol.payloadHex), errorCorrection: level, minimumVersion: symbol.version, mask: mask)
            let penalty = QRPenalty(size: code.size, modules: code.modules)
            let segno = symbol.penalties[mask]
            let rules124: [Int] = [penalty.runs, penalty.blocks, penalty.balance]
            #expect(rules124 == [segno[0], segno[1], segno[3]], "mask \(mask)")
            // Rule 3 at every position; segno's own count is the same or lower by whole patterns.
            #expect(penalty.finderLike == segno[4], "mask \(mask)")
            let missedBySegno = segno[4] - segno[2]
            #expect(missedBySegno >= 0)
            #expect(missedBySegno % 40 == 0)
        }
        let totals = symbol.penalties.map { $0[0] + $0[1] + $0[3] + $0[4] }
        let lowest = try #require(totals.indices.min { totals[$0] < totals[$1] })
        let automatic = try QRCode(
            encoding: hex(symbol.payloadHex), errorCorrection: level, minimumVersion: symbol.version)
        #expect(automatic.mask == lowest)
    }

    @Test("what zbarimg decoded re-encodes to the matrix it accepted", arguments: QRFixture.shared.symbols)
    func zbarDecoded(_ symbol: QRFixture.Symbol) throws {
        #expect(symbol.zbarDecodedHex == symbol.payloadHex)
        let code = try QRCode(
            encoding: hex(symbol.zbarDecodedHex), errorCorrection: qrLevel(symbol.level),
            minimumVersion: symbol.version, mask: symbol.mask)
        #expect(qrRows(code) == symbol.rows)
    }

    @Test(
        "the smallest version that fits is chosen, as segno and python-qrcode choose",
        arguments: QRFixture.shared.boundaries)
    func automaticVersion(_ boundary: QRFixture.Boundary) throws {
        let level = try qrLevel(boundary.level)
        let bytes = [UInt8](repeating: 0xA5, count: boundary.length)
        if let version = boundary.version {
            #expect(try QRCode(encoding: bytes, errorCorrection: level).version == version)
        } else {
            #expect(throws: TOTPError.qrCodeCapacityExceeded) { try QRCode(encoding: bytes, errorCorrection: level) }
        }
    }

    @Test("block structure, capacity and alignment tables equal segno's")
    func tables() throws {
        let tables = QRFixture.shared.tables
        try #require(tables.alignment.count == 40)
        for level in QRCode.ErrorCorrection.allCases {
            let blocks = try #require(tables.blocks[level.description])
            let dataBits = try #require(tables.dataBits[level.description])
            for number in 1...40 {
                let version = try #require(QRVersion(number))
                let structure = version.blockStructure(level)
                #expect([structure.blocks, structure.eccPerBlock] == blocks[number - 1], "\(number)-\(level)")
                #expect(version.dataCodewords(level) * 8 == dataBits[number - 1], "\(number)-\(level)")
            }
        }
        for number in 1...40 {
            #expect(
                try #require(QRVersion(number)).alignmentCentres == tables.alignment[number - 1], "version \(number)")
        }
    }

    @Test("format and version information and RS generators equal segno's tables")
    func informationTables() throws {
        let tables = QRFixture.shared.tables
        for level in QRCode.ErrorCorrection.allCases {
            let expected = try #require(tables.formatInformation[level.description])
            #expect((0...7).map { QRInformationCode.formatBits(level, mask: $0) } == expected)
        }
        #expect((7...40).map(QRInformationCode.versionBits) == tables.versionInformation)
        for (degree, exponents) in tables.generatorExponents {
            let encoder = ReedSolomonEncoder(degree: try #require(Int(degree)))
            #expect(
                encoder.generator.map { GaloisField256.logarithms[Int($0)] }.map(Int.init) == exponents,
                "degree \(degree)")
        }
        #expect(tables.generatorExponents.count >= 13)
    }
}
