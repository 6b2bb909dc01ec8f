import GRDB
import Synchronization

/// Read-only connections kept apart from GRDB's reader pool for the hot single-statement lookups
/// (``SQLiteDatabase`` `readNow`), taken without ever waiting.
///
/// Why apart: GRDB's pool hands its readers to `async` reads too, and an `async` read gives its reader
/// back only after it resumes on Swift's cooperative thread pool. A lookup that waited for one of those
/// readers on a cooperative thread could therefore wait for itself: with every cooperative thread so
/// waiting, no `async` read ever resumed and the process stopped answering (the regression test
/// "lookups on the calling thread next to async reads deadlocked the cooperative pool"). A connection
/// here is held only for one statement run on the holder's own thread, never across a suspension point,
/// and none is waited for: when all are in use, ``withConnection(_:)`` answers `nil` at once and the
/// caller takes the `async` path.
final class LookupConnections: Sendable {
    private struct State {
        var idle: [DatabaseQueue] = []
        var opened = 0
        var closed = false
    }

    private enum Take {
        case idle(DatabaseQueue)
        case openNew
        case none
    }

    private let state = Mutex(State())
    let maximum: Int
    private let openConnection: @Sendable () throws -> DatabaseQueue

    /// - Parameters:
    ///   - maximum: how many connections may be open at once; opened on first need.
    ///   - open: opens one read-only connection.
    init(maximum: Int, open: @escaping @Sendable () throws -> DatabaseQueue) {
        self.maximum = maximum
        self.openConnection = open
    }

    /// Runs `block` on a free connection, on the calling thread, without a transaction; `nil` without
    /// running it when every connection is in use, none may be opened, or the database is closed.
    /// - Throws: whatever `block` throws, or the error opening a new connection.
    func withConnection<T>(_ block: (Database) throws -> T) throws -> T? {
        let take = state.withLock { state -> Take in
            if state.closed { return .none }
            if let connection = state.idle.popLast() { return .idle(connection) }
            guard state.opened < maximum else { return .none }
            state.opened += 1
            return .openNew
        }
        let connection: DatabaseQueue
        switch take {
        case .none:
            return nil
        case .idle(let idle):
            connection = idle
        case .openNew:
            do {
                connection = try openConnection()
            } catch {
                state.withLock { $0.opened -= 1 }
                throw error
            }
        }
        defer { giveBack(connection) }
        return try connection.inDatabase(block)
    }

    /// Closes every idle connection now and each one in use as it is given back; later calls answer `nil`.
    func close() throws {
        let idle = state.withLock { state -> [DatabaseQueue] in
            state.closed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        for connection in idle { try connection.close() }
    }

    private func giveBack(_ connection: DatabaseQueue) {
        let keep = state.withLock { state -> Bool in
            if state.closed {
                state.opened -= 1
                return false
            }
            state.idle.append(connection)
            return true
        }
        if !keep { try? connection.close() }
    }
}
