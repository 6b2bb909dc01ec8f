/// Systematic Reed-Solomon error-correction codewords for one QR block (ISO/IEC 18004:2015 §7.5.2).
///
/// The ECC codewords are the remainder of the data polynomial times x^n divided by the generator
/// polynomial g(x) = (x - α^0)(x - α^1)...(x - α^(n-1)) over ``GaloisField256``.
struct ReedSolomonEncoder: Sendable {
    /// g(x)'s coefficients below the leading 1, from x^(n-1) down to x^0.
    let generator: [UInt8]

    /// An encoder producing `degree` ECC codewords (QR uses 7...30).
    init(degree: Int) {
        precondition((1...254).contains(degree), "Reed-Solomon degree out of range")
        // Coefficients from the highest power down, starting with g(x) = 1.
        var polynomial: [UInt8] = [1]
        for root in 0..<degree {
            let alphaPower = GaloisField256.powers[root]
            // Multiply by (x + α^root): shift for the x term, add α^root times the old value.
            var next = polynomial + [0]
            for index in 0..<polynomial.count {
                next[index + 1] ^= GaloisField256.multiply(polynomial[index], alphaPower)
            }
            polynomial = next
        }
        generator = Array(polynomial.dropFirst())
    }

    /// The `generator.count` ECC codewords for `data`.
    func remainder(of data: ArraySlice<UInt8>) -> [UInt8] {
        let degree = generator.count
        var register = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ register[0]
            for index in 0..<degree - 1 {
                register[index] = register[index + 1] ^ GaloisField256.multiply(generator[index], factor)
            }
            register[degree - 1] = GaloisField256.multiply(generator[degree - 1], factor)
        }
        return register
    }
}
