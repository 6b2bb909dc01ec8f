/// How strongly the user proved who they are when the session was issued or last rotated.
public enum AuthenticationLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A password (one factor) only.
    case password
    /// A password and a second factor (TOTP, recovery code, ...).
    case multiFactor

    /// Orders `.password` below `.multiFactor`, so apps can write `level >= .multiFactor`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs == .password && rhs == .multiFactor
    }
}
