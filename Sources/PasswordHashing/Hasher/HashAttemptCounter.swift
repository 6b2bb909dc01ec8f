import Synchronization

/// Counts the password hash computations a ``PasswordHasher`` runs while verifying.
///
/// For tests that show ``PasswordHasher/verify(_:against:)`` and ``PasswordHasher/verifyDummy(_:)``
/// do the same work for the same input by counting it, not by timing it.
package final class HashAttemptCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// A counter at zero.
    package init() {}

    /// The hash computations counted so far.
    package var count: Int { value.load(ordering: .acquiring) }

    /// Counts one more.
    func increment() { value.add(1, ordering: .acquiringAndReleasing) }
}
