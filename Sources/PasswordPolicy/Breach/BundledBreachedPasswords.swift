public import PasswordHashing

/// The 100,000 most common breached passwords, bundled with CRMAuth.
///
/// The list is the UK NCSC's "PwnedPasswordsTop100k" from Have I Been Pwned, folded (NFKC, then
/// lowercased) and deduplicated so that each folded password keeps its best rank: 97,851 entries,
/// ranked from 1 (most common). A password matches when its folded form is on the list, so
/// "ＰＡＳＳＷＯＲＤ" and "Password" match "password".
///
/// The list is loaded the first time it is consulted, once per process (about 25 ms), into a table of
/// 64-bit fingerprints it shares with ``PasswordStrengthEstimator``'s dictionaries: 2.75 MiB for all
/// 161,706 bundled entries, filters included (Documentation/Performance.md has the measurements).
/// A lookup folds the password and probes the table once, without allocating beyond the fold.
///
/// ```swift
/// let blocklist = BundledBreachedPasswords()
/// if let match = try await blocklist.match("Passw0rd") { print(match.rank!) }  // 175
/// ```
public struct BundledBreachedPasswords: BreachedPasswordChecker, NormalizedBreachLookup {
    /// The ``BreachedPasswordMatch/source`` of every match.
    public static let source = "Pwned Passwords top 100k (NCSC)"

    /// Creates the checker; the list itself loads on first use.
    public init() {}

    /// Looks `password` up after folding it; the match carries the password's rank.
    ///
    /// - Throws: ``PasswordPolicyError/wordListUnreadable`` if the bundled resource cannot be read.
    public func match(_ password: NormalizedPassword) async throws -> BreachedPasswordMatch? {
        try match(normalized: password)
    }

    /// The 1-based rank of `password`'s lowercased form on the list, or nil; synchronous.
    ///
    /// - Throws: ``PasswordPolicyError/wordListUnreadable`` if the bundled resource cannot be read.
    public func rank(of password: NormalizedPassword) throws(PasswordPolicyError) -> Int? {
        let table = try BundledWordLists.table()
        return table.rank(
            of: WordListLowercasing.lowercaseNormalized(password.revealed).utf8, in: FrequencyList.passwords.rawValue)
    }

    /// ``match(_:)`` without the suspension point, for the checker.
    func match(normalized password: NormalizedPassword) throws(PasswordPolicyError) -> BreachedPasswordMatch? {
        try rank(of: password).map { BreachedPasswordMatch(source: Self.source, rank: $0) }
    }

    /// Loads the list now rather than on the first check, for example at server start.
    ///
    /// - Throws: ``PasswordPolicyError/wordListUnreadable`` if the bundled resource cannot be read.
    public static func preload() throws(PasswordPolicyError) {
        _ = try BundledWordLists.table()
    }

    /// The bytes the loaded table of all bundled lists occupies (its slot array).
    ///
    /// - Throws: ``PasswordPolicyError/wordListUnreadable`` if the bundled resource cannot be read.
    public static func tableByteCount() throws(PasswordPolicyError) -> Int {
        try BundledWordLists.table().byteCount
    }
}
