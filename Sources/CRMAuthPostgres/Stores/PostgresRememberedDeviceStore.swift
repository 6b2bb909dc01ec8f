public import AuthCore
import CRMAuthStoreSupport
public import LoginFlow
import PostgresNIO
public import SessionTokens

public import struct Foundation.Date

/// A `RememberedDeviceStore` (LoginFlow) in a ``PostgresAuthDatabase``: table `remembered_devices`,
/// keyed by the device token's 32-byte SHA-256 digest (never the token), the device id unique, indexed
/// by user and by expiry.
///
/// How each atomic requirement stays atomic across every server sharing the database:
/// - `insert` is one transaction whose first statement takes a transaction-level advisory lock on the
///   user: `pg_advisory_xact_lock(hashtextextended('crmauth.remembered_devices:' || user_id, 0))`. The
///   contract's other choice, `SELECT ... FROM users WHERE id = $1 FOR UPDATE`, needs a `users` row for
///   every device's user, which this table does not require (it has no foreign key, as in SQLite), and
///   an advisory lock also serializes a user who has no device yet. So every insert for one user, from
///   any server, waits for the previous one's commit or rollback, then checks for a duplicate, counts
///   the user's unexpired devices, deletes the least recently used over the limit (by `last_used_at`,
///   then creation, then id: `DELETE ... WHERE id IN (...) RETURNING id`) and inserts, all committed
///   together; each statement sees what the previous holder committed (`READ COMMITTED`). A unique
///   violation rolls the evictions back (`.duplicate`). The lock is released at commit or rollback; two
///   users whose ids hash alike only wait for each other.
/// - `touch` is one `UPDATE ... SET last_used_at = GREATEST(last_used_at, $1) WHERE digest = $2`;
///   `delete` one `DELETE ... WHERE id = $1 AND user_id = $2`; `deleteAll` and `purgeExpired` one
///   `DELETE` each.
///
/// A row that cannot be read back (edited by hand) throws ``PostgresStoreError/corruptedRecord`` naming
/// the device id: `device(digest:)` of that device fails, and `devices(userID:)` of its user fails as a
/// whole rather than silently leave a device out of the list a user reviews. `insert` for that user
/// reads only the ids of the devices it evicts, so a damaged label or stamp never blocks the user from
/// remembering a device. `delete`, `deleteAll` and `purgeExpired` remove it like any other. Text holding
/// U+0000 is refused with ``PostgresStoreError/unrepresentable`` before anything is sent.
public final class PostgresRememberedDeviceStore: RememberedDeviceStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `remembered_devices` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `RememberedDeviceStore.insert(_:digest:limit:)`; one transaction under the user's advisory lock.
    public func insert(_ device: RememberedDevice, digest: TokenDigest, limit: Int) async throws -> [DeviceID] {
        var insertArguments = PostgresArguments()
        let values = [
            insertArguments.bytes(digest.bytes),
            try insertArguments.text(device.id.rawValue, "the device id"),
            try insertArguments.text(device.userID.rawValue, "the user id"),
            try insertArguments.text(device.label, "the label"),
            try insertArguments.text(device.securityStamp, "the security stamp"),
            insertArguments.date(device.createdAt),
            insertArguments.date(device.lastUsedAt),
            insertArguments.date(device.expiresAt),
        ]
        let insert = insertArguments.query(
            "INSERT INTO remembered_devices (\(Self.select)) VALUES (\(values.joined(separator: ", ")))")
        let user = device.userID.rawValue
        let now = device.createdAt.timeIntervalSinceReferenceDate

        var lockArguments = PostgresArguments()
        let lockUser = try lockArguments.text(user, "the user id")
        let lock = lockArguments.query(
            """
            SELECT pg_advisory_xact_lock(
                hashtextextended(('crmauth.remembered_devices:' || \(lockUser)) COLLATE "C", 0))
            """)
        var takenArguments = PostgresArguments()
        let takenDigest = takenArguments.bytes(digest.bytes)
        let takenID = try takenArguments.text(device.id.rawValue, "the device id")
        let taken = takenArguments.query(
            "SELECT EXISTS (SELECT 1 FROM remembered_devices WHERE digest = \(takenDigest) OR id = \(takenID))")
        var liveArguments = PostgresArguments()
        let liveCondition = try Self.liveCondition(&liveArguments, user: user, now: now)
        let live = liveArguments.query("SELECT count(*) FROM remembered_devices WHERE \(liveCondition)")
        let maximum = Int64(max(limit, 1))

        let admission: Admission
        do {
            admission = try await database.run("remember a device") { [database] in
                try await database.client.withTransaction(logger: database.logger) { connection in
                    try await connection.query(lock, logger: database.logger)
                    // Every row of each statement is read before the next one is sent.
                    var isTaken = false
                    for try await value in try await connection.query(taken, logger: database.logger)
                        .decode(Bool.self)
                    {
                        isTaken = value
                    }
                    if isTaken { return Admission.duplicate }
                    var count: Int64 = 0
                    for try await value in try await connection.query(live, logger: database.logger)
                        .decode(Int64.self)
                    {
                        count = value
                    }
                    let excess = count + 1 - maximum
                    var evicted: [DeviceID] = []
                    if excess > 0 {
                        let evict = try Self.evictQuery(user: user, now: now, count: excess)
                        for row in try await connection.query(evict, logger: database.logger).collect() {
                            let reader = PostgresRowReader(row, record: recordName("remembered_devices", row))
                            evicted.append(DeviceID(rawValue: try reader.text("id")))
                        }
                    }
                    try await connection.query(insert, logger: database.logger)
                    return Admission.stored(evicted)
                }
            }
        } catch let error as PostgresStoreError {
            if let server = error.underlying as? PSQLError, server.isUniqueViolation {
                throw LoginFlowError(.duplicate, "a device with this digest or id is stored")
            }
            throw error
        }
        switch admission {
        case .stored(let evicted): return evicted
        case .duplicate: throw LoginFlowError(.duplicate, "a device with this digest or id is stored")
        }
    }

    /// See `RememberedDeviceStore.device(digest:)`.
    public func device(digest: TokenDigest) async throws -> RememberedDevice? {
        var arguments = PostgresArguments()
        let placeholder = arguments.bytes(digest.bytes)
        let sql = "SELECT \(Self.select) FROM remembered_devices WHERE digest = \(placeholder)"
        return try await database.run("read a remembered device") { [database, query = arguments.query(sql)] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                return try Self.device(from: row)
            }
            return nil
        }
    }

    /// See `RememberedDeviceStore.touch(digest:lastUsedAt:)`; one `UPDATE` that only moves forward.
    public func touch(digest: TokenDigest, lastUsedAt: Date) async throws -> Bool {
        var arguments = PostgresArguments()
        let at = arguments.date(lastUsedAt)
        let placeholder = arguments.bytes(digest.bytes)
        let sql = """
            UPDATE remembered_devices SET last_used_at = GREATEST(last_used_at, \(at))
            WHERE digest = \(placeholder) RETURNING 1
            """
        return try await database.run("touch a remembered device") { [database, query = arguments.query(sql)] in
            for try await _ in try await database.client.query(query, logger: database.logger) { return true }
            return false
        }
    }

    /// See `RememberedDeviceStore.devices(userID:)`.
    public func devices(userID: UserID) async throws -> [RememberedDevice] {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = "SELECT \(Self.select) FROM remembered_devices WHERE user_id = \(user)"
        return try await database.run("list a user's remembered devices") { [database, query = arguments.query(sql)] in
            var devices: [RememberedDevice] = []
            for try await row in try await database.client.query(query, logger: database.logger) {
                devices.append(try Self.device(from: row))
            }
            return devices
        }
    }

    /// See `RememberedDeviceStore.delete(id:userID:)`; one `DELETE` naming both.
    public func delete(id: DeviceID, userID: UserID) async throws -> Bool {
        var arguments = PostgresArguments()
        let idPlaceholder = try arguments.text(id.rawValue, "the device id")
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = "DELETE FROM remembered_devices WHERE id = \(idPlaceholder) AND user_id = \(user) RETURNING 1"
        return try await database.run("forget a remembered device") { [database, query = arguments.query(sql)] in
            for try await _ in try await database.client.query(query, logger: database.logger) { return true }
            return false
        }
    }

    /// See `RememberedDeviceStore.deleteAll(userID:)`; one `DELETE`.
    public func deleteAll(userID: UserID) async throws -> Int {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = Self.counting("DELETE FROM remembered_devices WHERE user_id = \(user)")
        return try await count("forget a user's remembered devices", arguments.query(sql))
    }

    /// See `RememberedDeviceStore.purgeExpired(at:)`; one `DELETE`.
    public func purgeExpired(at date: Date) async throws -> Int {
        var arguments = PostgresArguments()
        let at = arguments.date(date)
        let sql = Self.counting("DELETE FROM remembered_devices WHERE expires_at <= \(at)")
        return try await count("purge expired remembered devices", arguments.query(sql))
    }

    /// What an insert's transaction decided.
    private enum Admission: Sendable {
        case stored([DeviceID])
        case duplicate
    }

    private static let select = "digest, id, user_id, label, security_stamp, created_at, last_used_at, expires_at"

    /// The user's devices unexpired at `now`.
    private static func liveCondition(
        _ arguments: inout PostgresArguments, user: String, now: Double
    ) throws(PostgresStoreError) -> String {
        let userPlaceholder = try arguments.text(user, "the user id")
        return "user_id = \(userPlaceholder) AND expires_at > \(arguments.value(now))"
    }

    /// Deletes the user's `count` least recently used unexpired devices and returns their ids.
    private static func evictQuery(user: String, now: Double, count: Int64) throws(PostgresStoreError) -> PostgresQuery
    {
        var arguments = PostgresArguments()
        let condition = try liveCondition(&arguments, user: user, now: now)
        let limit = arguments.value(count)
        return arguments.query(
            """
            DELETE FROM remembered_devices WHERE id IN (
                SELECT id FROM remembered_devices WHERE \(condition)
                ORDER BY last_used_at, created_at, id LIMIT \(limit))
            RETURNING id
            """)
    }

    /// `statement` (a `DELETE`) as one query answering how many rows it removed.
    private static func counting(_ statement: String) -> String {
        "WITH removed AS (\(statement) RETURNING 1) SELECT count(*) FROM removed"
    }

    private func count(_ what: String, _ query: PostgresQuery) async throws -> Int {
        try await database.run(what) { [database] in
            for try await count in try await database.client.query(query, logger: database.logger).decode(Int64.self) {
                return Int(count)
            }
            return 0
        }
    }

    private static func device(from row: PostgresRow) throws(PostgresStoreError) -> RememberedDevice {
        try RememberedDevice.stored(PostgresRowReader(row, record: recordName("remembered_devices", row)))
    }
}
