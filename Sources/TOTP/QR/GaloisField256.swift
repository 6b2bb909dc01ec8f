/// Arithmetic in GF(2^8) as QR codes use it: the field built on the primitive polynomial
/// x^8 + x^4 + x^3 + x^2 + 1 (0x11D), with α = 2 as generator (ISO/IEC 18004:2015 §7.5.2).
///
/// Addition is XOR; multiplication goes through logarithm tables built once from α's powers.
enum GaloisField256 {
    /// The field's reducing polynomial, x^8 + x^4 + x^3 + x^2 + 1.
    static let primitivePolynomial = 0x11D

    /// α^i for i in 0..<510: twice the group order, so a sum of two logarithms needs no reduction.
    static let powers: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for exponent in 0..<255 {
            table[exponent] = UInt8(value)
            table[exponent + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= primitivePolynomial }
        }
        return table
    }()

    /// log_α(x) for x in 1...255; entry 0 is unused (zero has no logarithm).
    static let logarithms: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for exponent in 0..<255 { table[Int(powers[exponent])] = UInt8(exponent) }
        return table
    }()

    /// The product of two field elements.
    @inline(__always)
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return powers[Int(logarithms[Int(a)]) + Int(logarithms[Int(b)])]
    }
}
