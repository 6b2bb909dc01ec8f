import AuthCore
import TOTP
import Testing

extension TOTPEnrollmentStoreConformance {
    func unknownUserIsEmpty(_ store: any TOTPEnrollmentStore) async throws {
        #expect(try await store.pending(userID: "ada") == nil, "an unknown user has no pending secret")
        #expect(try await store.active(userID: "ada") == nil, "an unknown user has no active secret")
        #expect(try await !store.activate(userID: "ada", pending: Self.sealed()), "nothing pending: no activation")
        #expect(
            try await !store.replaceActive(userID: "ada", expected: Self.sealed(), with: Self.sealed()),
            "nothing active: no re-sealing")
        #expect(try await store.active(userID: "ada") == nil, "failed swaps store nothing")
    }

    func pendingRoundTrip(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let (first, second) = (Self.sealed(), Self.sealed())
        #expect(try await store.savePending(userID: "ada", secret: first, createdAt: clock.now()))
        let read = try await store.pending(userID: "ada")
        #expect(read?.secret == first, "the pending secret is read back byte for byte")
        #expect(read?.createdAt == clock.now(), "the creation instant is read back exactly")
        clock.advance(by: 90)
        #expect(try await store.savePending(userID: "ada", secret: second, createdAt: clock.now()))
        let replaced = try await store.pending(userID: "ada")
        #expect(replaced?.secret == second, "saving again replaces the pending secret")
        #expect(replaced?.createdAt == clock.now(), "saving again replaces the creation instant")
        #expect(try await store.active(userID: "ada") == nil, "a pending secret is not active")
    }

    func activateMovesPending(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let secret = Self.sealed()
        #expect(try await store.savePending(userID: "ada", secret: secret, createdAt: clock.now()))
        #expect(try await store.activate(userID: "ada", pending: secret), "the pending secret activates")
        #expect(try await store.active(userID: "ada") == secret, "it is now the active secret")
        #expect(try await store.pending(userID: "ada") == nil, "and no longer pending")
        #expect(try await !store.activate(userID: "ada", pending: secret), "activation works once")
        #expect(try await store.active(userID: "ada") == secret)
    }

    func activateRefusesStalePending(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let (stale, current) = (Self.sealed(), Self.sealed())
        #expect(try await store.savePending(userID: "ada", secret: stale, createdAt: clock.now()))
        #expect(try await store.savePending(userID: "ada", secret: current, createdAt: clock.now()))
        #expect(try await !store.activate(userID: "ada", pending: stale), "a replaced pending secret cannot activate")
        #expect(try await store.active(userID: "ada") == nil, "a refused activation changes nothing")
        #expect(try await store.pending(userID: "ada")?.secret == current, "the current pending secret stays")
    }

    func pendingRefusedWhileActive(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let (owners, intruders) = (Self.sealed(), Self.sealed())
        #expect(try await store.savePending(userID: "ada", secret: owners, createdAt: clock.now()))
        #expect(try await store.activate(userID: "ada", pending: owners))
        clock.advance(by: 30)
        #expect(
            try await !store.savePending(userID: "ada", secret: intruders, createdAt: clock.now()),
            "a pending secret is refused while a secret is active")
        #expect(try await store.pending(userID: "ada") == nil, "a refused save stores nothing")
        #expect(
            try await !store.activate(userID: "ada", pending: intruders), "so nothing can replace the active secret")
        #expect(try await !store.activate(userID: "ada", pending: owners), "not even the active secret itself")
        #expect(try await store.active(userID: "ada") == owners, "the active secret stays")
        try await store.remove(userID: "ada")
        #expect(
            try await store.savePending(userID: "ada", secret: intruders, createdAt: clock.now()),
            "once the active secret is removed, a new enrollment can begin")
        #expect(try await store.activate(userID: "ada", pending: intruders))
        #expect(try await store.active(userID: "ada") == intruders)
    }

    func replaceActiveComparesAndSwaps(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let (original, resealed, other) = (Self.sealed(), Self.sealed(), Self.sealed())
        #expect(try await store.savePending(userID: "ada", secret: original, createdAt: clock.now()))
        _ = try await store.activate(userID: "ada", pending: original)
        #expect(
            try await !store.replaceActive(userID: "ada", expected: other, with: resealed),
            "a wrong expectation swaps nothing")
        #expect(try await store.active(userID: "ada") == original)
        #expect(
            try await store.replaceActive(userID: "ada", expected: original, with: resealed),
            "the right expectation swaps")
        #expect(try await store.active(userID: "ada") == resealed)
        #expect(
            try await !store.replaceActive(userID: "ada", expected: original, with: other),
            "the old value no longer matches")
        #expect(try await store.active(userID: "ada") == resealed)
    }

    func removeClearsUser(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        for user: UserID in ["ada", "bob"] {
            let secret = Self.sealed()
            #expect(try await store.savePending(userID: user, secret: secret, createdAt: clock.now()))
            #expect(try await store.activate(userID: user, pending: secret))
        }
        for user: UserID in ["ada+pending", "cy+pending"] {
            #expect(try await store.savePending(userID: user, secret: Self.sealed(), createdAt: clock.now()))
        }
        try await store.remove(userID: "ada")
        try await store.remove(userID: "ada+pending")
        #expect(try await store.active(userID: "ada") == nil, "removal clears the active secret")
        #expect(try await store.pending(userID: "ada+pending") == nil, "removal clears the pending secret")
        #expect(try await store.active(userID: "bob") != nil, "removal touches only that user")
        #expect(try await store.pending(userID: "cy+pending") != nil, "removal touches only that user")
        try await store.remove(userID: "ada")
        try await store.remove(userID: "nobody")
    }

    func usersIndependent(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let secret = Self.sealed()
        #expect(try await store.savePending(userID: "ada", secret: secret, createdAt: clock.now()))
        #expect(try await store.pending(userID: "Ada") == nil, "user ids are case-sensitive")
        #expect(
            try await !store.activate(userID: "bob", pending: secret), "one user's secret never activates another's")
        #expect(try await store.active(userID: "bob") == nil)
        #expect(try await store.activate(userID: "ada", pending: secret))
        #expect(try await store.active(userID: "Ada") == nil)
        #expect(
            try await store.savePending(userID: "Ada", secret: Self.sealed(), createdAt: clock.now()),
            "another user's active secret does not block an enrollment")
        // Canonically equivalent, byte-different: Swift's String == calls them equal, a database does not.
        let (composed, decomposed, mine): (UserID, UserID, SealedOTPSecret) = (
            "caf\u{E9}", "cafe\u{301}", Self.sealed()
        )
        #expect(try await store.savePending(userID: composed, secret: mine, createdAt: clock.now()))
        #expect(try await store.pending(userID: decomposed) == nil, "canonically equivalent ids are distinct users")
        #expect(
            try await !store.activate(userID: decomposed, pending: mine),
            "one spelling never activates the other's secret")
        #expect(try await store.activate(userID: composed, pending: mine))
        #expect(try await store.active(userID: decomposed) == nil, "nor sees it active")
        #expect(
            try await store.savePending(userID: decomposed, secret: Self.sealed(), createdAt: clock.now()),
            "nor is blocked by it")
        try await store.remove(userID: decomposed)
        #expect(try await store.active(userID: composed) == mine, "removing one spelling leaves the other")
    }

    func removeActiveComparesAndRemoves(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let (original, resealed, other) = (Self.sealed(), Self.sealed(), Self.sealed())
        #expect(try await !store.removeActive(userID: "ada", expected: original), "nothing active: nothing removed")
        #expect(try await store.savePending(userID: "ada", secret: original, createdAt: clock.now()))
        #expect(
            try await !store.removeActive(userID: "ada", expected: original),
            "a pending secret is not removed as active")
        #expect(
            try await store.pending(userID: "ada")?.secret == original, "a refused removal leaves the pending secret")
        #expect(try await store.activate(userID: "ada", pending: original))
        #expect(try await !store.removeActive(userID: "ada", expected: other), "a wrong expectation removes nothing")
        #expect(try await store.active(userID: "ada") == original)
        #expect(try await store.replaceActive(userID: "ada", expected: original, with: resealed))
        #expect(
            try await !store.removeActive(userID: "ada", expected: original),
            "a secret replaced since it was read is not removed")
        #expect(try await store.active(userID: "ada") == resealed)
        #expect(try await store.removeActive(userID: "ada", expected: resealed), "the right expectation removes")
        #expect(try await store.active(userID: "ada") == nil, "the active secret is gone")
        #expect(try await store.pending(userID: "ada") == nil, "and nothing is pending")
        #expect(try await !store.removeActive(userID: "ada", expected: resealed), "removal works once")
        #expect(
            try await store.savePending(userID: "ada", secret: other, createdAt: clock.now()),
            "once the active secret is removed, a new enrollment can begin")
    }

    func concurrentRemoveActive(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        // Half the racers disable with a proof of the original secret, half re-seal it: one wins.
        let original = Self.sealed()
        #expect(try await store.savePending(userID: "ada", secret: original, createdAt: clock.now()))
        #expect(try await store.activate(userID: "ada", pending: original))
        let replacements = (0..<racers).map { _ in Self.sealed() }
        let outcomes = await Conformance.race(racers) { index in
            index.isMultiple(of: 2)
                ? (index, try await store.removeActive(userID: "ada", expected: original))
                : (index, try await store.replaceActive(userID: "ada", expected: original, with: replacements[index]))
        }
        let winners = outcomes.compactMap { $0.value }.filter(\.1).map(\.0)
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(winners.count == 1, "exactly one racing removal or re-seal succeeds")
        if let winner = winners.first {
            let expected = winner.isMultiple(of: 2) ? nil : replacements[winner]
            #expect(try await store.active(userID: "ada") == expected, "the winner's outcome stands")
        }
    }

    func concurrentActivate(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let secret = Self.sealed()
        #expect(try await store.savePending(userID: "ada", secret: secret, createdAt: clock.now()))
        let outcomes = await Conformance.race(racers) { _ in try await store.activate(userID: "ada", pending: secret) }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(outcomes.filter { $0.value == true }.count == 1, "exactly one racing activation succeeds")
        #expect(try await store.active(userID: "ada") == secret)
        #expect(try await store.pending(userID: "ada") == nil)
    }

    func concurrentReplaceActive(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        let original = Self.sealed()
        #expect(try await store.savePending(userID: "ada", secret: original, createdAt: clock.now()))
        _ = try await store.activate(userID: "ada", pending: original)
        let replacements = (0..<racers).map { _ in Self.sealed() }
        let outcomes = await Conformance.race(racers) { index in
            (index, try await store.replaceActive(userID: "ada", expected: original, with: replacements[index]))
        }
        let winners = outcomes.compactMap { $0.value }.filter(\.1).map(\.0)
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(winners.count == 1, "exactly one racing re-seal succeeds")
        if let winner = winners.first {
            #expect(try await store.active(userID: "ada") == replacements[winner], "the winner's value stands")
        }
    }

    func concurrentEnrollments(_ store: any TOTPEnrollmentStore, _ clock: ManualClock) async throws {
        // Each racer is a session enrolling a secret of its own for one user (the owner, or someone
        // who knows only the password): save it as pending, then activate it.
        let secrets = (0..<racers).map { _ in Self.sealed() }
        let outcomes = await Conformance.race(racers) { index in
            guard try await store.savePending(userID: "ada", secret: secrets[index], createdAt: clock.now()) else {
                return false
            }
            return try await store.activate(userID: "ada", pending: secrets[index])
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        #expect(
            outcomes.filter { $0.value == true }.count == 1,
            "exactly one racing enrollment activates: none replaces an active secret")
        let active = try await store.active(userID: "ada")
        #expect(active.map(secrets.contains) == true, "one racer's secret is active")
        #expect(
            try await store.pending(userID: "ada") == nil,
            "nothing is left pending beside the active secret: saving checks for it in the same atomic step")
    }
}
