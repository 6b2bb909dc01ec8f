import CRMAuthTesting
import Testing

/// LoginFlow's deliberately broken stores: each suite must report exactly the promises a store breaks
/// (as known issues; `withKnownIssue` fails the test if none is recorded) and pass every other check.
/// Stores whose flaw waits at a rendezvous for a second caller run only their race check.
@Suite("Conformance suites catch broken LoginFlow stores")
struct BrokenLoginFlowStoreTests {
    @Test("a user store whose update ignores the version", arguments: UserStoreConformance.Check.allCases)
    func versionIgnoring(check: UserStoreConformance.Check) async throws {
        let suite = UserStoreConformance { _ in VersionIgnoringUserStore() }
        if [.updateCompareAndSet, .concurrentUpdates].contains(check) {
            await withKnownIssue { try await suite.run(check) }
        } else {
            try await suite.run(check)
        }
    }

    @Test("a user store that looks identifiers up, then inserts, registers one address twice")
    func checkThenInsert() async {
        await withKnownIssue {
            try await UserStoreConformance { _ in CheckThenInsertUserStore() }.run(.concurrentRegistration)
        }
    }

    @Test(
        "a device store that evicts the oldest created device",
        arguments: RememberedDeviceStoreConformance.Check.allCases)
    func evictsOldestCreated(check: RememberedDeviceStoreConformance.Check) async throws {
        let suite = RememberedDeviceStoreConformance { _ in FlawedRememberedDeviceStore(.evictsOldestCreated) }
        if check == .limitEvictsLeastRecentlyUsed {
            await withKnownIssue { try await suite.run(check) }
        } else {
            try await suite.run(check)
        }
    }

    @Test(
        "a device store that deletes a device for any user", arguments: RememberedDeviceStoreConformance.Check.allCases)
    func deletesForAnyOwner(check: RememberedDeviceStoreConformance.Check) async throws {
        let suite = RememberedDeviceStoreConformance { _ in FlawedRememberedDeviceStore(.deletesForAnyOwner) }
        if check == .deleteChecksOwner {
            await withKnownIssue { try await suite.run(check) }
        } else {
            try await suite.run(check)
        }
    }

    @Test(
        "a device store keyed by String merges canonically equivalent user ids",
        arguments: RememberedDeviceStoreConformance.Check.allCases)
    func mergesEquivalentUserIDs(check: RememberedDeviceStoreConformance.Check) async throws {
        let suite = RememberedDeviceStoreConformance { _ in FlawedRememberedDeviceStore(.mergesEquivalentUserIDs) }
        if [.insertAndLookUp, .limitIsPerUser, .deleteChecksOwner].contains(check) {
            await withKnownIssue { try await suite.run(check) }
        } else {
            try await suite.run(check)
        }
    }

    @Test("a challenge store that reads the failure count, then writes it, loses racing wrong answers")
    func readThenWrite() async {
        await withKnownIssue {
            try await MFAChallengeStoreConformance { _ in ReadThenWriteMFAChallengeStore() }.run(.concurrentFailures)
        }
    }

    @Test("a challenge store that reads, then removes, hands one challenge to two consumers")
    func copying() async {
        await withKnownIssue {
            try await MFAChallengeStoreConformance { _ in CopyingMFAChallengeStore() }.run(.concurrentConsume)
        }
    }
}
