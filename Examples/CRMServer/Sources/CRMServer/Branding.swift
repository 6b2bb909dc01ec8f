import Foundation

/// The company's look, from the command line: its name, its color and its logo.
struct Branding: Sendable {
    let name: String
    /// The brand color, `#rrggbb`: the header and the main buttons.
    let color: String
    /// The text color on the brand color: white or near-black, whichever contrasts more.
    let textColor: String
    /// The contrast ratio of `textColor` on `color` (WCAG 2.2 relative luminance).
    let contrast: Double
    /// The logo file's bytes and media type; `nil` draws the name's first letter instead.
    let logo: (bytes: [UInt8], type: String)?

    /// The largest logo file accepted.
    static let maximumLogoSize = 256 * 1024

    /// A branding whose color is `#RRGGBB` (anything else is refused: it goes into the style sheet) and
    /// whose logo, if any, is an SVG, PNG or JPEG file of at most 256 KiB.
    init(name: String, color: String, logoPath: String? = nil) throws {
        guard let rgb = Self.components(of: color) else {
            throw BrandingError(message: "the brand color must be #RRGGBB, like #1d4ed8")
        }
        guard !name.isEmpty, name.count <= 60 else {
            throw BrandingError(message: "the brand name has 1 to 60 characters")
        }
        self.name = name
        self.color = color.lowercased()
        // White text wants a dark brand color and near-black text a light one; one of the two always
        // reaches 4.5:1 (WCAG 2.2 AA for normal text), so any color the company picks stays readable.
        let luminance = Self.relativeLuminance(rgb)
        let onWhite = 1.05 / (luminance + 0.05)
        let onDark = (luminance + 0.05) / (Self.relativeLuminance((0x11, 0x18, 0x27)) + 0.05)
        (textColor, contrast) = onWhite >= onDark ? ("#ffffff", onWhite) : ("#111827", onDark)
        logo = try logoPath.map(Self.loadLogo)
    }

    /// The three 0...255 components of `#rrggbb`, or `nil`.
    static func components(of color: String) -> (Int, Int, Int)? {
        let hex = Array(color.utf8.dropFirst())
        guard color.hasPrefix("#"), hex.count == 6,
            hex.allSatisfy({ (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }),
            let value = Int(String(decoding: hex, as: UTF8.self), radix: 16)
        else { return nil }
        return (value >> 16, (value >> 8) & 0xff, value & 0xff)
    }

    /// WCAG 2.2's relative luminance of an sRGB color.
    static func relativeLuminance(_ rgb: (Int, Int, Int)) -> Double {
        func linear(_ channel: Int) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
    }

    private static func loadLogo(_ path: String) throws -> (bytes: [UInt8], type: String) {
        let types = ["svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"]
        guard let type = types[URL(fileURLWithPath: path).pathExtension.lowercased()] else {
            throw BrandingError(message: "the logo must be an .svg, .png or .jpg file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BrandingError(message: "cannot read the logo file \(path)")
        }
        guard data.count <= maximumLogoSize else {
            throw BrandingError(message: "the logo file is larger than 256 KiB")
        }
        return (Array(data), type)
    }
}

struct BrandingError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
