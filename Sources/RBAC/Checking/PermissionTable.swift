/// The effective rules of one role in one context (every tenant, or one tenant with rules or edges of
/// its own), resolved through the hierarchy: for each interned `resource:action` key, the bits of
/// the rules that cover it. Built during compilation; checks read it frozen, as
/// ``FrozenPermissionTables``.
struct PermissionTable: Sendable {
    static let grantAny: UInt8 = 1
    static let grantOwn: UInt8 = 2
    static let denyAny: UInt8 = 4
    static let denyOwn: UInt8 = 8

    /// Wildcard flags: which kinds of wildcard key the table holds, so a check skips the others.
    static let resourceWildcardAction: UInt8 = 1  // `leads:*`
    static let anyResourceAction: UInt8 = 2  // `*:read`

    /// Bits by key; interned id 0 is `*`.
    var bits: [UInt64: UInt8] = [:]
    /// Which wildcard keys occur.
    var wildcards: UInt8 = 0
    /// The bits of `*:*`, kept outside the dictionary.
    var everything: UInt8 = 0
    /// The role itself and every role it inherits from in this context, by interned index.
    var reachable: Set<Int32> = []

    static func key(_ resource: Int32, _ action: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: resource)) << 32 | UInt64(UInt32(bitPattern: action))
    }

    static func bit(_ effect: RuleEffect, _ scope: OwnershipScope) -> UInt8 {
        switch (effect, scope) {
        case (.allow, .any): grantAny
        case (.allow, .own): grantOwn
        case (.deny, .any): denyAny
        case (.deny, .own): denyOwn
        }
    }

    mutating func add(resource: Int32, action: Int32, bits added: UInt8) {
        switch (resource, action) {
        case (0, 0): everything |= added
        case (0, _):
            wildcards |= Self.anyResourceAction
            bits[Self.key(resource, action), default: 0] |= added
        case (_, 0):
            wildcards |= Self.resourceWildcardAction
            bits[Self.key(resource, action), default: 0] |= added
        default: bits[Self.key(resource, action), default: 0] |= added
        }
    }

    mutating func merge(_ other: PermissionTable) {
        if bits.isEmpty {
            bits = other.bits
        } else {
            bits.merge(other.bits) { $0 | $1 }
        }
        wildcards |= other.wildcards
        everything |= other.everything
        reachable.formUnion(other.reachable)
    }

    /// Whether `bits` hold a rule scoped to own resources, so the decision depends on the owner.
    @inline(__always)
    static func needsOwner(_ bits: UInt8) -> Bool { bits & (grantOwn | denyOwn) != 0 }

    /// Deny overrides grant; a rule scoped to own resources counts only for the owner.
    @inline(__always)
    static func decide(_ bits: UInt8, isOwner: Bool) -> Bool {
        let applicable = isOwner ? bits : bits & (grantAny | denyAny)
        return applicable & (denyAny | denyOwn) == 0 && applicable & (grantAny | grantOwn) != 0
    }
}
