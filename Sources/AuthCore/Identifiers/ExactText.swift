/// Text that is equal and hashes by its UTF-8 code units: for byte-exact text that is not an
/// ``ExactIdentifier`` (one-time token purpose names, the text form of session and family ids, user
/// ids of modules not yet moved to ``UserID``). Stores keyed by user or tenant key by ``UserID`` and
/// ``TenantID`` directly, which compare the same way.
///
/// Swift's `String` `==` and hashing follow Unicode canonical equivalence, so "café" spelled with
/// U+00E9 and with "e" + U+0301 are one `String` key. SQLite and PostgreSQL compare text byte for
/// byte (a binary or deterministic collation) and keep them apart. An in-memory store keyed by
/// `String` would therefore merge two accounts a real store keeps separate: one user's "sign out
/// everywhere" would sign the other out, and session limits, TOTP replay steps or recovery codes
/// would be shared. Wrapping the id in `ExactText` makes the in-memory stores behave like the
/// database ones.
///
/// Wrapping costs nothing beyond the `String` itself: comparison and hashing read its UTF-8 view in
/// place (contiguous for native strings), with no copy.
///
/// ```swift
/// private let lastSteps = Mutex<[ExactText: Int64]>([:])
/// lastSteps.withLock { $0[ExactText(userID)] }
/// ```
package struct ExactText: Hashable, Sendable, CustomStringConvertible {
    /// The text as given; never normalized.
    package let string: String

    /// Wraps `string` as it is, without normalizing it.
    package init(_ string: String) {
        self.string = string
    }

    /// Whether both hold the same UTF-8 code units (case and Unicode normalization count).
    package static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        let (left, right) = (lhs.string.utf8, rhs.string.utf8)
        guard left.count == right.count else { return false }
        // Comparing the contiguous buffers, not walking the two UTF-8 views, halves a dictionary lookup.
        let contiguous = left.withContiguousStorageIfAvailable { leftBytes in
            right.withContiguousStorageIfAvailable { rightBytes in leftBytes.elementsEqual(rightBytes) }
        }
        return (contiguous ?? nil) ?? left.elementsEqual(right)
    }

    /// Feeds the UTF-8 code units and their count, so equal code units hash equally whatever the
    /// spelling's canonical equivalents.
    package func hash(into hasher: inout Hasher) {
        let utf8 = string.utf8
        let fed: Void? = utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if fed == nil {
            // A bridged or otherwise non-contiguous string: one contiguous copy, hashed the same way.
            var copy = string
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        hasher.combine(utf8.count)
    }

    /// The text itself.
    package var description: String { string }
}
