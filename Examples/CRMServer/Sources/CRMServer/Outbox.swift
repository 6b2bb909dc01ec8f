import Foundation
import Synchronization

/// Where this demo's emails go: there is no mail server, so each message is kept in memory and shown
/// on the development outbox page (`/outbox`). The newest 50 are kept; a restart empties it.
///
/// A real deployment sends these through its mail service instead and has no outbox page: the links
/// in them are bearer secrets for the person they are addressed to.
final class Outbox: Sendable {
    struct Message: Sendable {
        let to: String
        let subject: String
        let text: String
        let link: String?
        let linkText: String?
        let sentAt: Date
    }

    private let messages = Mutex<[Message]>([])
    private static let capacity = 50

    func send(to: String, subject: String, text: String, link: String? = nil, linkText: String? = nil) {
        let message = Message(to: to, subject: subject, text: text, link: link, linkText: linkText, sentAt: Date())
        messages.withLock {
            $0.append(message)
            if $0.count > Self.capacity { $0.removeFirst($0.count - Self.capacity) }
        }
    }

    /// The messages, newest first.
    var newestFirst: [Message] { messages.withLock { $0.reversed() } }
}
