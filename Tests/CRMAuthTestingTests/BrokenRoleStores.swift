import RBAC
import Synchronization

/// Validates the change against the policy it read, then commits in a second step: two assignments
/// that are each valid alone both pass validation and both commit, breaking separation of duty.
final class CheckThenActRoleStore: RoleStore {
    private let state = Mutex(VersionedPolicy(policy: RolePolicy(), version: 0))
    private let rendezvous = Mutex<(arrived: Int, waiting: CheckedContinuation<Void, Never>?)>((0, nil))

    func policy() async throws -> VersionedPolicy { state.withLock { $0 } }

    func version() async throws -> UInt64 { state.withLock { $0.version } }

    func apply(_ changes: [PolicyChange], expecting: UInt64?) async throws -> UInt64 {
        let read = state.withLock { $0 }
        if let expecting, expecting != read.version { throw RBACError.versionConflict }
        var validated = read.policy
        try validated.apply(changes)
        if changes.contains(where: { if case .assign = $0 { true } else { false } }) { await meet() }
        return try state.withLock { (state: inout VersionedPolicy) throws(RBACError) -> UInt64 in
            // The version is checked again under the lock; the validation is not repeated.
            if let expecting, expecting != state.version { throw RBACError.versionConflict }
            var policy = state.policy
            for change in changes { policy = policy.applyingUnvalidated(change) }
            state = VersionedPolicy(policy: policy, version: state.version + 1)
            return state.version
        }
    }

    /// The first caller waits for the second; later callers pass straight through.
    private func meet() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let release: [CheckedContinuation<Void, Never>] = rendezvous.withLock { state in
                state.arrived += 1
                switch state.arrived {
                case 1:
                    state.waiting = continuation
                    return []
                case 2:
                    defer { state.waiting = nil }
                    return [continuation] + (state.waiting.map { [$0] } ?? [])
                default: return [continuation]
                }
            }
            for waiting in release { waiting.resume() }
        }
    }
}

/// Applies each change as it goes and stops at the first invalid one, keeping what came before:
/// not all or nothing.
final class PartialRoleStore: RoleStore {
    private let state = Mutex(VersionedPolicy(policy: RolePolicy(), version: 0))

    func policy() async throws -> VersionedPolicy { state.withLock { $0 } }

    func version() async throws -> UInt64 { state.withLock { $0.version } }

    func apply(_ changes: [PolicyChange], expecting: UInt64?) async throws -> UInt64 {
        try state.withLock { (state: inout VersionedPolicy) throws(RBACError) -> UInt64 in
            if let expecting, expecting != state.version { throw RBACError.versionConflict }
            var applied = 0
            defer { if applied > 0 { state.version += 1 } }
            for change in changes {
                try state.policy.apply([change])
                applied += 1
            }
            return state.version + 1
        }
    }
}

extension RolePolicy {
    /// One change applied without validation, as a careless store would.
    fileprivate func applyingUnvalidated(_ change: PolicyChange) -> RolePolicy {
        var copy = self
        switch change {
        case .defineRole(let role): copy.roles.insert(role)
        case .assign(let assignment): copy.assignments.insert(assignment)
        case .addConstraint(let constraint): copy.constraints[constraint.id] = constraint
        case .addRule(let rule): copy.rules.insert(rule)
        case .addInheritance(let edge): copy.inheritance.insert(edge)
        default: try? copy.apply([change])
        }
        return copy
    }
}
