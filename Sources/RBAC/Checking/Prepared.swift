public import AuthCore

/// A permission with its names already looked up in a snapshot, for checks on the request path
/// without hashing the resource and action again. Make the ones an app checks once, at start-up.
///
/// Valid in every snapshot of the `AccessChecker` (or chain of ``CompiledPolicy``) it was made
/// from, including ones compiled later; anywhere else, and for a name no rule mentioned when it was
/// prepared, the check looks the names up again, so a prepared permission is never wrong, only
/// sometimes not faster.
///
/// ```swift
/// let editLead = checker.prepare(try Permission("leads:edit"))
/// let subject = checker.prepare(user: session.userID, tenant: session.tenantID)
/// checker.isAllowed(subject, editLead, resourceOwner: lead.ownerID)
/// ```
public struct PreparedPermission: Sendable, Hashable {
    /// The permission.
    public let permission: Permission
    let resource: Int32
    let action: Int32
    let lineage: UInt64
}

/// A user acting in a tenant with both already looked up in a snapshot; see ``PreparedPermission``.
/// Make one per request or session.
public struct PreparedSubject: Sendable, Hashable {
    /// The user.
    public let user: UserID
    /// The tenant the user acts in.
    public let tenant: TenantID
    let userSlot: Int32
    let tenantSlot: Int32
    let lineage: UInt64
}

extension CompiledPolicy {
    /// Looks `permission`'s names up once.
    ///
    /// - Parameter permission: the permission.
    public func prepare(_ permission: Permission) -> PreparedPermission {
        PreparedPermission(
            permission: permission, resource: resources.index(of: permission.resource),
            action: actions.index(of: permission.action), lineage: lineage)
    }

    /// Looks `user` and `tenant` up once.
    ///
    /// - Parameters:
    ///   - user: the user.
    ///   - tenant: the tenant the user acts in.
    public func prepare(user: UserID, tenant: TenantID) -> PreparedSubject {
        PreparedSubject(
            user: user, tenant: tenant, userSlot: users.index(of: user.rawValue),
            tenantSlot: tenants.index(of: tenant.rawValue), lineage: lineage)
    }

    /// The same decision as ``isAllowed(user:tenant:permission:resourceOwner:)``, from prepared names.
    ///
    /// - Parameters:
    ///   - subject: the prepared user and tenant.
    ///   - permission: the prepared permission.
    ///   - resourceOwner: the resource's owner, or `nil`.
    public func isAllowed(_ subject: PreparedSubject, _ permission: PreparedPermission, resourceOwner: UserID? = nil)
        -> Bool
    {
        let sameChain = subject.lineage == lineage && permission.lineage == lineage
        let user = sameChain && subject.userSlot >= 0 ? subject.userSlot : users.index(of: subject.user.rawValue)
        guard user >= 0 else { return false }
        let tenant =
            sameChain && subject.tenantSlot >= 0 ? subject.tenantSlot : tenants.index(of: subject.tenant.rawValue)
        let resource =
            sameChain && permission.resource >= 0
            ? permission.resource : resources.index(of: permission.permission.resource)
        let action =
            sameChain && permission.action >= 0 ? permission.action : actions.index(of: permission.permission.action)
        return decide(
            user: user, tenant: tenant, resource: resource, action: action, owner: resourceOwner, of: subject.user)
    }
}

extension AccessChecker {
    /// See ``CompiledPolicy/prepare(_:)``.
    ///
    /// - Parameter permission: the permission.
    public func prepare(_ permission: Permission) -> PreparedPermission { snapshot.prepare(permission) }

    /// See ``CompiledPolicy/prepare(user:tenant:)``.
    ///
    /// - Parameters:
    ///   - user: the user.
    ///   - tenant: the tenant the user acts in.
    public func prepare(user: UserID, tenant: TenantID) -> PreparedSubject {
        snapshot.prepare(user: user, tenant: tenant)
    }

    /// See ``CompiledPolicy/isAllowed(_:_:resourceOwner:)``.
    ///
    /// - Parameters:
    ///   - subject: the prepared user and tenant.
    ///   - permission: the prepared permission.
    ///   - resourceOwner: the resource's owner, or `nil`.
    public func isAllowed(_ subject: PreparedSubject, _ permission: PreparedPermission, resourceOwner: UserID? = nil)
        -> Bool
    {
        snapshot.isAllowed(subject, permission, resourceOwner: resourceOwner)
    }
}
