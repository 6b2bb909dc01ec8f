#if Hummingbird
    import CRMAuth
    import CRMAuthHummingbird
    import Foundation
    import HTTPTypes
    import Hummingbird
    import HummingbirdTesting
    import NIOCore
    import Testing

    /// Documentation/Hummingbird.md's example, line for line but for the system (in memory here) and
    /// the server (HummingbirdTesting's router instead of `runService()`).
    @Suite("The Hummingbird guide's example")
    struct GuideExampleTests {
        @Test("the guide's lines sign a person in and guard a page by permission")
        func guideExample() async throws {
            let system = try await WebFixture().system
            let router = Router(context: TestContext.self)
            router.add(middleware: SecurityHeadersMiddleware())
            router.add(middleware: ClientContextMiddleware())  // address, user agent, device
            router.add(middleware: CSRFMiddleware())  // forms carry context.csrfToken
            router.add(middleware: SessionAuthenticator(flow: system.flow))

            router.post("/login") { request, context in
                let form = try await URLEncodedFormDecoder().decode(
                    [String: String].self, from: String(buffer: request.body.collect(upTo: 16_384)))
                let outcome = try await system.flow.login(
                    identifier: form["email"] ?? "", password: form["password"] ?? "", client: context.client!)
                guard case .authenticated(let login) = outcome else {
                    return Response(status: .unauthorized)  // show outcome.message to the person
                }
                var response = Response.redirect(to: "/leads", type: .normal)
                response.addSetCookie(CRMAuthCookies.standard.signIn(login.session.token))
                return response
            }
            let leads = router.group("leads")
            leads.add(middleware: RequirePermission(try Permission("leads:read"), flow: system.flow))
            leads.get { _, context in "Welcome back, \(context.identity!.userID)" }

            try await Application(router: router).test(.router) { client in
                let form = "email=ana%40example.com&password=violet+tundra+marmalade+1987"
                let cookie = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form)
                ) { response in
                    #expect(response.status == .seeOther || response.status == .found)
                    let cookie = try #require(
                        response.headers[values: .setCookie].first { $0.hasPrefix("__Host-session=") })
                    #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
                    return String(cookie.prefix { $0 != ";" })
                }
                try await client.execute(uri: "/leads", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).hasPrefix("Welcome back, "))
                }
                try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "email=ana%40example.com&password=wrong")
                ) { #expect($0.status == .unauthorized) }
            }
        }
    }
#endif
