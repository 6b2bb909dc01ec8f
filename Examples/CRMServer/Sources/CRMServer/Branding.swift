/// The company's look, from the command line: its name and its color.
struct Branding: Sendable {
    let name: String
    let color: String

    /// A branding whose color is `#RRGGBB` (anything else is refused: it goes into the style sheet).
    init(name: String, color: String) throws {
        let hex = color.utf8.dropFirst()
        guard color.hasPrefix("#"), hex.count == 6,
            hex.allSatisfy({ (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) })
        else { throw BrandingError(message: "the brand color must be #RRGGBB, like #1d4ed8") }
        guard !name.isEmpty, name.count <= 60 else {
            throw BrandingError(message: "the brand name has 1 to 60 characters")
        }
        self.name = name
        self.color = color
    }
}

struct BrandingError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
