import Testing

@testable import TOTP

@Suite("GF(256) and Reed-Solomon for QR codes")
struct ReedSolomonTests {
    @Test("α's powers and logarithms are inverse over all 255 non-zero elements")
    func fieldTables() {
        #expect(GaloisField256.powers[8] == 0x1D)  // α^8 = x^4 + x^3 + x^2 + 1
        #expect(GaloisField256.powers[255] == 1)
        #expect(Set(GaloisField256.powers[0..<255]).count == 255)
        for value in 1...255 {
            let log = Int(GaloisField256.logarithms[value])
            #expect(Int(GaloisField256.powers[log]) == value)
            // Every element has an inverse: α^log · α^(255-log) = 1.
            #expect(GaloisField256.multiply(UInt8(value), GaloisField256.powers[255 - log]) == 1)
        }
        #expect(GaloisField256.multiply(0, 0x53) == 0)
        #expect(GaloisField256.multiply(0x53, 0xCA) == GaloisField256.multiply(0xCA, 0x53))
    }

    @Test(
        "generator polynomials as ISO/IEC 18004:2015 Annex A lists them (exponents of α)",
        arguments: [
            (7, [87, 229, 146, 149, 238, 102, 21]),
            (10, [251, 67, 46, 61, 118, 70, 64, 94, 32, 45]),
        ])
    func generator(degree: Int, exponents: [Int]) {
        let generator = ReedSolomonEncoder(degree: degree).generator
        #expect(generator.map { Int(GaloisField256.logarithms[Int($0)]) } == exponents)
    }

    @Test("the ECC codewords of the Annex I example (1-M, 16 data codewords)")
    func annexExample() {
        // ISO/IEC 18004:2015 Annex I encodes "01234567" in numeric mode; Reed-Solomon sees only these codewords.
        let data = hex("10 20 0C 56 61 80 EC 11 EC 11 EC 11 EC 11 EC 11")
        #expect(ReedSolomonEncoder(degree: 10).remainder(of: data[...]) == hex("A5 24 D4 C1 ED 36 C7 87 2C 55"))
    }

    @Test("byte-mode codewords of \"hello\" at 1-M, as python-qrcode 8.2 makes them")
    func byteModeVector() throws {
        let version = try #require(QRVersion(1))
        let data = QRCodewords.dataCodewords(bytes("hello"), version: version, level: .medium)
        // Mode 0100, count 00000101, the bytes, terminator 0000, then the pad codewords EC 11 in turn.
        #expect(data == hex("40 56 86 56 C6 C6 F0 EC 11 EC 11 EC 11 EC 11 EC"))
        #expect(ReedSolomonEncoder(degree: 10).remainder(of: data[...]) == hex("16 4F DF D4 8C 11 D1 5C 2F B7"))
    }
}

@Suite("QR format and version information (BCH codes)")
struct QRInformationCodeTests {
    @Test(
        "format information for each level and mask (ISO/IEC 18004:2015 Table C.1)",
        arguments: [
            (QRCode.ErrorCorrection.medium, 0, 0b101010000010010), (.medium, 5, 0b100000011001110),
            (.low, 0, 0b111011111000100), (.low, 7, 0b110100101110110),
            (.quartile, 2, 0b011111100110001), (.high, 3, 0b001100111010000), (.high, 7, 0b000100000111011),
        ])
    func format(level: QRCode.ErrorCorrection, mask: Int, bits: Int) {
        #expect(QRInformationCode.formatBits(level, mask: mask) == bits)
    }

    @Test(
        "version information (Table D.1)",
        arguments: [(7, 0x07C94), (8, 0x085BC), (10, 0x0A4D3), (21, 0x15683), (32, 0x209D5), (40, 0x28C69)])
    func version(number: Int, bits: Int) {
        #expect(QRInformationCode.versionBits(number) == bits)
    }

    @Test("version information is drawn from version 7 on, never before")
    func versionInformationPlacement() throws {
        let six = try QRCode(encoding: bytes("x"), minimumVersion: 6)
        let seven = try QRCode(encoding: bytes("x"), minimumVersion: 7)
        // Version 7's 18 bits: bit 0 (0) at row 0 of the top-right block, bit 2 (1) beside it.
        #expect(seven.isDark(row: 0, column: seven.size - 9))
        #expect(!seven.isDark(row: 0, column: seven.size - 11))
        #expect(seven.isDark(row: seven.size - 9, column: 0))
        #expect(six.version == 6 && seven.version == 7)
    }
}

@Suite("QR capacity and errors")
struct QRCapacityTests {
    @Test(
        "byte capacities at the corners of Table 7",
        arguments: [
            (1, QRCode.ErrorCorrection.low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7),
            (7, .medium, 122), (10, .medium, 213), (40, .low, 2953), (40, .medium, 2331), (40, .quartile, 1663),
            (40, .high, 1273),
        ])
    func capacity(version: Int, level: QRCode.ErrorCorrection, bytes: Int) {
        #expect(QRCode.byteCapacity(version: version, errorCorrection: level) == bytes)
    }

    @Test("the codeword count formula equals the modules left free by the drawn function patterns")
    func codewordCount() throws {
        for number in QRCode.versions {
            let version = try #require(QRVersion(number))
            let free = QRMatrix(version: version).reserved.filter { !$0 }.count
            #expect(free / 8 == version.totalCodewords, "version \(number)")
            #expect([0, 3, 4, 7].contains(free % 8), "version \(number) remainder bits")
        }
    }

    @Test(
        "data filling a version exactly stays in it; one byte more moves up", arguments: QRCode.ErrorCorrection.allCases
    )
    func boundaries(level: QRCode.ErrorCorrection) throws {
        for number in [1, 9, 10, 27, 39] {
            let capacity = try #require(QRCode.byteCapacity(version: number, errorCorrection: level))
            #expect(
                try QRCode(encoding: [UInt8](repeating: 7, count: capacity), errorCorrection: level).version == number)
            #expect(
                try QRCode(encoding: [UInt8](repeating: 7, count: capacity + 1), errorCorrection: level).version
                    == number + 1)
        }
    }

    @Test(
        "data longer than version 40 holds is a typed error at every level", arguments: QRCode.ErrorCorrection.allCases)
    func tooLong(level: QRCode.ErrorCorrection) throws {
        let capacity = try #require(QRCode.byteCapacity(version: 40, errorCorrection: level))
        #expect(try QRCode(encoding: [UInt8](repeating: 0xFF, count: capacity), errorCorrection: level).version == 40)
        #expect(throws: TOTPError.qrCodeCapacityExceeded) {
            try QRCode(encoding: [UInt8](repeating: 0xFF, count: capacity + 1), errorCorrection: level)
        }
        #expect(throws: TOTPError.qrCodeCapacityExceeded) {
            try QRCode(encoding: [UInt8](repeating: 0xFF, count: 1 << 20), errorCorrection: level)
        }
    }

    @Test("a minimum version outside 1...40 or a mask outside 0...7 is refused")
    func badOptions() throws {
        for version in [0, -1, 41, Int.max] {
            #expect(throws: TOTPError.parameterOutOfRange) { try QRCode(encoding: "x", minimumVersion: version) }
        }
        for mask in [-1, 8, Int.min] {
            #expect(throws: TOTPError.parameterOutOfRange) { try QRCode(encoding: "x", mask: mask) }
        }
        #expect(QRCode.byteCapacity(version: 0, errorCorrection: .medium) == nil)
        #expect(QRCode.byteCapacity(version: 41, errorCorrection: .medium) == nil)
    }

    @Test("a minimum version is honoured, and larger data still picks a larger version")
    func minimumVersion() throws {
        #expect(try QRCode(encoding: "hello", minimumVersion: 12).version == 12)
        #expect(try QRCode(encoding: String(repeating: "a", count: 200), minimumVersion: 2).version == 10)
        #expect(try QRCode(encoding: "", errorCorrection: .high).version == 1)
    }

    @Test("the symbol's function patterns: finders, timing, dark module; outside is light")
    func functionPatterns() throws {
        let code = try QRCode(encoding: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")
        let last = code.size - 1
        for (row, column) in [(0, 0), (0, last), (last, 0), (3, 3), (3, last - 3), (last - 3, 3)] {
            #expect(code.isDark(row: row, column: column))
        }
        for (row, column) in [(1, 1), (7, 7), (7, last - 7), (last - 7, 7)] {
            #expect(!code.isDark(row: row, column: column))
        }
        for index in 8..<code.size - 8 {
            #expect(code.isDark(row: 6, column: index) == index.isMultiple(of: 2))
            #expect(code.isDark(row: index, column: 6) == index.isMultiple(of: 2))
        }
        #expect(code.isDark(row: code.size - 8, column: 8))
        #expect(!code.isDark(row: -1, column: 0) && !code.isDark(row: 0, column: code.size))
        #expect(code.size == 17 + 4 * code.version)
    }
}
