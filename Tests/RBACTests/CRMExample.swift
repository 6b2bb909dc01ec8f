import AuthCore
import RBAC

/// The CRM of the guide: sales reps, managers, HR, finance and a partner, in two tenants.
enum CRMExample {
    static func pattern(_ text: String) -> PermissionPattern { try! PermissionPattern(text) }

    static func allow(_ role: RoleID, _ text: String, _ scope: OwnershipScope = .any, tenant: TenantID? = nil)
        -> PolicyRule
    {
        PolicyRule(role: role, effect: .allow, permissions: pattern(text), scope: scope, tenant: tenant)
    }

    static func deny(_ role: RoleID, _ text: String, _ scope: OwnershipScope = .any, tenant: TenantID? = nil)
        -> PolicyRule
    {
        PolicyRule(role: role, effect: .deny, permissions: pattern(text), scope: scope, tenant: tenant)
    }

    static var policy: RolePolicy {
        RolePolicy(
            roles: [
                "employee", "sales-rep", "sales-manager", "hr", "finance-clerk", "finance-approver", "partner",
                "support-admin",
            ],
            rules: [
                allow("employee", "contacts:read"),
                allow("sales-rep", "leads:read"),
                allow("sales-rep", "leads:create"),
                allow("sales-rep", "leads:edit", .own),
                allow("sales-manager", "leads:*"),
                deny("sales-manager", "leads:purge"),
                allow("hr", "employees:*"),
                allow("hr", "*:read"),
                deny("hr", "invoices:read"),
                allow("finance-clerk", "invoices:create"),
                allow("finance-approver", "invoices:approve"),
                deny("finance-approver", "invoices:approve", .own),
                allow("partner", "leads:read", .own),
                allow("support-admin", "*:*"),
                allow("sales-rep", "leads:export", tenant: "acme"),
            ],
            inheritance: [
                RoleInheritance(role: "sales-rep", inherits: "employee"),
                RoleInheritance(role: "sales-manager", inherits: "sales-rep"),
                RoleInheritance(role: "hr", inherits: "employee"),
                RoleInheritance(role: "finance-clerk", inherits: "employee"),
                RoleInheritance(role: "finance-approver", inherits: "employee"),
            ],
            assignments: [
                RoleAssignment(user: "rita", role: "sales-rep", tenant: "acme"),
                RoleAssignment(user: "rita", role: "sales-rep", tenant: "globex"),
                RoleAssignment(user: "max", role: "sales-manager", tenant: "acme"),
                RoleAssignment(user: "max", role: "employee", tenant: "globex"),
                RoleAssignment(user: "hana", role: "hr", tenant: "acme"),
                RoleAssignment(user: "fin", role: "finance-clerk", tenant: "acme"),
                RoleAssignment(user: "fay", role: "finance-approver", tenant: "acme"),
                RoleAssignment(user: "pat", role: "partner", tenant: "acme"),
                RoleAssignment(user: "sam", role: "support-admin", tenant: nil),
            ],
            constraints: [
                SeparationOfDutyConstraint(
                    id: "payables", kind: .static, roles: ["finance-clerk", "finance-approver"], cardinality: 2),
                SeparationOfDutyConstraint(
                    id: "sales-or-hr", kind: .dynamic, roles: ["sales-rep", "hr"], cardinality: 2),
            ])
    }

    static func compiled() throws -> CompiledPolicy { try CompiledPolicy(policy) }
}

extension CompiledPolicy {
    /// A check from text, for tables of cases.
    func allows(_ user: UserID, _ tenant: TenantID, _ permission: String, owner: UserID? = nil) -> Bool {
        isAllowed(user: user, tenant: tenant, permission: try! Permission(permission), resourceOwner: owner)
    }
}
