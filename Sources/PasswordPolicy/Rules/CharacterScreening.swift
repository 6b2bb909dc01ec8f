/// The characters a password may not hold, whatever the rest of the policy says.
///
/// NIST SP 800-63B rev. 4 §3.1.1.2 says all printing ASCII characters, the space and Unicode
/// characters should be accepted. CRMAuth accepts every assigned code point except two groups:
/// - control characters (general category Cc: U+0000–U+001F and U+007F–U+009F, including NUL, tab
///   and line breaks) and the line and paragraph separators U+2028 and U+2029. Nobody types them
///   into a password field on purpose; they arrive by pasting, they are invisible, and NUL ends the
///   string in C-based storage and tools. Format characters such as the zero-width joiner in emoji
///   sequences and right-to-left marks are accepted.
/// - unassigned code points (general category Cn, including noncharacters such as U+FFFF). Unicode
///   keeps NFKC stable only for assigned characters: if a later Unicode version gives one a
///   decomposition, the same typed password would normalize differently and no longer verify.
/// Private-use characters are accepted: their normalization can never change.
enum CharacterScreening {
    /// The violations `password` (NFKC) has for its characters, in a fixed order.
    static func violations(in password: String) -> [PasswordViolation] {
        var control = false
        var unassigned = false
        for scalar in password.unicodeScalars where scalar.value < 0x20 || scalar.value >= 0x7F {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: control = true
            case .unassigned: unassigned = true
            default: break
            }
        }
        var found: [PasswordViolation] = []
        if control {
            found.append(
                PasswordViolation(
                    .containsControlCharacter,
                    message: "Remove invisible characters such as tabs or line breaks. They can slip in when pasting."))
        }
        if unassigned {
            found.append(
                PasswordViolation(
                    .containsUnassignedCharacter,
                    message:
                        "Remove characters this system doesn't recognize. Letters, numbers, spaces, symbols and emoji all work."
                ))
        }
        return found
    }
}
