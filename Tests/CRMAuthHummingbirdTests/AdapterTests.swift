#if Hummingbird
    import CRMAuth
    import CRMAuthHummingbird
    import Foundation
    import HTTPTypes
    import Hummingbird
    import HummingbirdAuth
    import HummingbirdTesting
    import NIOCore
    import Testing

    @Suite("CRMAuthHummingbird: sessions, permissions, forgery and headers in a Hummingbird router")
    struct AdapterTests {
        /// A router with the whole stack: client context, CSRF, session authenticator, security headers.
        static func router(_ fixture: WebFixture) throws -> Router<TestContext> {
            let router = Router(context: TestContext.self)
            router.add(middleware: SecurityHeadersMiddleware())
            router.add(middleware: ClientContextMiddleware())
            router.add(middleware: CSRFMiddleware())
            router.add(middleware: SessionAuthenticator(flow: fixture.system.flow))
            router.get("/whoami") { _, context in
                context.identity.map { "user \($0.userID.rawValue)" } ?? "nobody"
            }
            router.get("/form") { _, context in context.csrfToken ?? "none" }
            router.post("/form") { request, context in
                let body = try await request.body.collect(upTo: 4096)
                return "posted \(String(buffer: body))"
            }
            let leads = router.group("leads")
            leads.add(middleware: RequirePermission(try Permission("leads:read"), flow: fixture.system.flow))
            leads.get { _, _ in "the leads" }
            let policy = router.group("policy")
            policy.add(
                middleware: AuthorizationPolicyMiddleware(
                    PermissionPolicy(flow: fixture.system.flow, permission: try Permission("leads:read")),
                    context: TestContext.self))
            policy.get { _, _ in "by policy" }
            return router
        }

        @Test("a session cookie or a bearer token signs the request in; none leaves it signed out")
        func authenticates() async throws {
            let fixture = try await WebFixture()
            let token = try await fixture.signIn("ana@example.com")
            let app = Application(router: try Self.router(fixture))
            try await app.test(.router) { client in
                try await client.execute(uri: "/whoami", method: .get) { response in
                    #expect(String(buffer: response.body) == "nobody")
                }
                try await client.execute(uri: "/whoami", method: .get, headers: WebFixture.sessionCookie(token)) {
                    #expect(String(buffer: $0.body) == "user \(fixture.ana.id.rawValue)")
                }
                try await client.execute(uri: "/whoami", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect(String(buffer: $0.body) == "user \(fixture.ana.id.rawValue)")
                }
            }
        }

        @Test("a revoked session's cookie is signed out and removed from the browser")
        func revokedCookieCleared() async throws {
            let fixture = try await WebFixture()
            let token = try await fixture.signIn("ana@example.com")
            #expect(try await fixture.system.flow.logout(sessionToken: token))
            let app = Application(router: try Self.router(fixture))
            try await app.test(.router) { client in
                try await client.execute(uri: "/whoami", method: .get, headers: WebFixture.sessionCookie(token)) {
                    #expect(String(buffer: $0.body) == "nobody")
                    #expect($0.setCookies.contains { $0.hasPrefix("__Host-session=;") && $0.contains("Max-Age=0") })
                }
            }
        }

        @Test("a permission guard answers 401 signed out, 403 without the role, 200 with it; the policy the same")
        func permissions() async throws {
            let fixture = try await WebFixture()
            let ana = try await fixture.signIn("ana@example.com")
            let bo = try await fixture.signIn("bo@example.com")
            let app = Application(router: try Self.router(fixture))
            try await app.test(.router) { client in
                for path in ["/leads", "/policy"] {
                    try await client.execute(uri: path, method: .get) { #expect($0.status == .unauthorized) }
                    try await client.execute(uri: path, method: .get, headers: WebFixture.sessionCookie(bo)) {
                        #expect($0.status == .forbidden)
                    }
                    try await client.execute(uri: path, method: .get, headers: WebFixture.sessionCookie(ana)) {
                        #expect($0.status == .ok)
                    }
                }
            }
            try await fixture.system.flow.flushAudit()
            let denials = try await fixture.system.flow.stores.audit.records(from: 1, limit: 1_000)
                .filter { $0.event.kind == .permissionDenied }
            #expect(denials.count == 2, "each denial audited by the flow")
        }

        @Test("a form post needs the anti-forgery token of its cookie; another origin is refused")
        func forgery() async throws {
            let fixture = try await WebFixture()
            let token = try await fixture.signIn("ana@example.com")
            let app = Application(router: try Self.router(fixture))
            try await app.test(.router) { client in
                let csrf = try await client.execute(uri: "/form", method: .get) { response in
                    let cookie = try #require(response.setCookies.first { $0.hasPrefix("__Host-csrf=") })
                    #expect(
                        cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"))
                    let value = String(buffer: response.body)
                    #expect(cookie.hasPrefix("__Host-csrf=\(value);"))
                    return value
                }
                var cookies = HTTPFields()
                cookies[.cookie] = "__Host-session=\(token); __Host-csrf=\(csrf)"
                var form = cookies
                form[.contentType] = "application/x-www-form-urlencoded"

                try await client.execute(
                    uri: "/form", method: .post, headers: form, body: ByteBuffer(string: "name=lead")
                ) {
                    #expect($0.status == .forbidden, "no token")
                }
                try await client.execute(
                    uri: "/form", method: .post, headers: form,
                    body: ByteBuffer(string: "name=lead&csrf_token=\(String(repeating: "A", count: 43))")
                ) { #expect($0.status == .forbidden, "another token") }
                try await client.execute(
                    uri: "/form", method: .post, headers: form, body: ByteBuffer(string: "name=lead&csrf_token=\(csrf)")
                ) { response in
                    #expect(response.status == .ok)
                    #expect(
                        String(buffer: response.body) == "posted name=lead&csrf_token=\(csrf)",
                        "the body stays readable")
                }
                var header = cookies
                header[HTTPField.Name("X-CSRF-Token")!] = csrf
                try await client.execute(uri: "/form", method: .post, headers: header) { #expect($0.status == .ok) }
                var foreign = header
                foreign[.origin] = "https://evil.example"
                try await client.execute(uri: "/form", method: .post, headers: foreign) {
                    #expect($0.status == .forbidden, "the right token from another origin")
                }
                try await client.execute(
                    uri: "/form", method: .post, headers: [.authorization: "Bearer \(token)"]
                ) { #expect($0.status == .ok, "no cookie, no ambient credential: not checked") }
            }
        }

        @Test("every response carries the security headers, errors included; a handler's own header stays")
        func securityHeaders() async throws {
            let fixture = try await WebFixture()
            let router = try Self.router(fixture)
            router.get("/framed") { _, _ in
                var response = Response(status: .ok)
                response.headers[.contentSecurityPolicy] = "default-src 'none'"
                return response
            }
            let app = Application(router: router)
            try await app.test(.router) { client in
                try await client.execute(uri: "/whoami", method: .get) { response in
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.headers[.cacheControl] == "no-store")
                }
                try await client.execute(uri: "/leads", method: .get) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
                try await client.execute(uri: "/framed", method: .get) {
                    #expect($0.headers[.contentSecurityPolicy] == "default-src 'none'")
                }
            }
        }
    }

    @Suite("ClientAddressPolicy: the client's address, behind trusted proxies only")
    struct ClientAddressTests {
        let policy = ClientAddressPolicy(trustedProxies: [
            try! AddressRange(parsing: "10.0.0.0/8"), try! AddressRange(parsing: "::1"),
        ])

        func address(_ text: String) throws -> SourceAddress { try SourceAddress(parsing: text) }

        @Test("an untrusted peer is the client, whatever it forwards")
        func untrustedPeer() throws {
            #expect(
                try policy.clientAddress(peer: address("203.0.113.9"), forwardedFor: ["198.51.100.1"])
                    == address("203.0.113.9"))
            #expect(
                try ClientAddressPolicy.directConnections.clientAddress(
                    peer: address("10.1.2.3"), forwardedFor: ["198.51.100.1"]) == address("10.1.2.3"))
        }

        @Test("behind trusted proxies the right-most untrusted hop is the client; what the client wrote is ignored")
        func trustedChain() throws {
            let forwarded = ["6.6.6.6, 203.0.113.9", "10.0.0.5"]
            #expect(
                try policy.clientAddress(peer: address("10.0.0.1"), forwardedFor: forwarded) == address("203.0.113.9"))
            #expect(
                try policy.clientAddress(peer: address("::1"), forwardedFor: ["2001:db8::7"]) == address("2001:db8::7"))
        }

        @Test("a malformed hop stops the walk at the last trusted proxy; no peer is the unknown address")
        func malformed() throws {
            #expect(
                try policy.clientAddress(peer: address("10.0.0.1"), forwardedFor: ["203.0.113.9, garbage"])
                    == address("10.0.0.1"))
            #expect(try policy.clientAddress(peer: nil, forwardedFor: ["203.0.113.9"]) == address("0.0.0.0"))
        }
    }
#endif
