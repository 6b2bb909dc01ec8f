import Foundation
import Mustache

/// The pages: the Mustache templates in `Templates/`, compiled once at start. Every page is the
/// layout around its own content; text is escaped by Mustache (`{{...}}`), and only rendered
/// content and the QR code's SVG (built by CRMAuth from a URI it made) go in unescaped.
struct Pages: Sendable {
    let library: MustacheLibrary

    init() async throws {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw BrandingError(message: "the page templates are missing from the CRMServer bundle")
        }
        library = try await MustacheLibrary(directory: directory)
        for name in [
            "layout", "login", "code", "dashboard", "register", "verify", "forgot", "new_password",
            "invitation", "notice", "account", "two_step", "recovery_codes", "admin", "admin_user", "outbox",
        ]
        where library.getTemplate(named: name) == nil {
            throw BrandingError(message: "the page template \(name).mustache is missing")
        }
    }

    /// `page` rendered with `values`, inside the layout with `frame` (title, brand, navigation).
    func render(_ page: String, frame: [String: Any], _ values: [String: Any]) -> String {
        var values = values
        values["csrf"] = frame["csrf"]
        values["brand"] = frame["brand"]
        var frame = frame
        frame["content"] = library.render(values, withTemplate: page) ?? ""
        return library.render(frame, withTemplate: "layout") ?? ""
    }

    /// The default logo: the brand name's first letter on a light rounded square.
    static func monogram(_ branding: Branding) -> String {
        let letter = branding.name.first.map { String($0).uppercased() } ?? "C"
        let escaped = letter.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">\
            <rect width="32" height="32" rx="7" fill="\(branding.textColor)"/>\
            <text x="16" y="22.5" font-size="18" font-weight="700" font-family="system-ui, sans-serif" \
            text-anchor="middle" fill="\(branding.color)">\(escaped)</text></svg>
            """
    }

    /// The style sheet: readable at 360 px, 44 px touch targets, visible focus, the brand's colors.
    static func styleSheet(_ branding: Branding) -> String {
        """
        :root { --brand: \(branding.color); --on-brand: \(branding.textColor); }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #111827; background: #f9fafb; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: .5rem; background: #fff; color: #111827; padding: .5rem; z-index: 1; }
        header.brand { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between;
          gap: .5rem; padding: .5rem 1rem; background: var(--brand); color: var(--on-brand); }
        header.brand a { color: var(--on-brand); }
        .home { display: flex; align-items: center; gap: .5rem; min-height: 44px; font-weight: 600;
          text-decoration: none; }
        .logo { width: 2rem; height: 2rem; }
        nav { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .75rem; }
        nav a, nav button.link { display: inline-flex; align-items: center; min-height: 44px; padding: 0 .25rem; }
        nav button.link { color: var(--on-brand); background: none; border: 0; text-decoration: underline;
          min-width: 0; font: inherit; }
        main { max-width: 32rem; margin: 1.5rem auto; padding: 0 1rem; }
        main.wide { max-width: 48rem; }
        h1 { font-size: 1.5rem; line-height: 1.25; }
        h2 { font-size: 1.2rem; }
        a { color: #1d4ed8; }
        a.action { display: inline-block; min-height: 44px; padding: .6rem 0; }
        .field { margin-bottom: 1rem; }
        label { display: block; font-weight: 600; margin-bottom: .25rem; }
        .hint { color: #4b5563; font-size: .9rem; margin: 0 0 .25rem; }
        input[type=email], input[type=password], input[type=text], select { width: 100%; min-height: 44px;
          padding: .5rem .75rem; font-size: 1rem; border: 1px solid #6b7280; border-radius: .375rem;
          background: #fff; color: #111827; }
        .check { display: flex; align-items: center; gap: .5rem; min-height: 44px; margin-bottom: 1rem; }
        .check input { width: 24px; height: 24px; margin: 0 0 0 .25rem; flex: none; }
        .check label { margin: 0; font-weight: 400; padding: .5rem 0; }
        .password { display: flex; gap: .5rem; }
        .password input { flex: 1; min-width: 0; }
        button { min-height: 44px; min-width: 44px; padding: .5rem 1rem; font-size: 1rem; border-radius: .375rem;
          border: 1px solid #374151; background: #fff; color: #111827; cursor: pointer; }
        button.primary { width: 100%; background: var(--brand); border-color: var(--brand); color: var(--on-brand); }
        button.danger { border-color: #991b1b; color: #991b1b; }
        :focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
        .error { padding: .75rem; border-radius: .375rem; background: #fef2f2; color: #991b1b;
          border: 1px solid #fca5a5; }
        .error ul { margin: .25rem 0 0; padding-left: 1.25rem; }
        .notice { padding: .75rem; border-radius: .375rem; background: #ecfdf5; color: #065f46;
          border: 1px solid #6ee7b7; }
        section form + form, section ul + form { margin-top: 1rem; }
        section { background: #fff; border: 1px solid #e5e7eb; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
        ul.plain { list-style: none; padding: 0; margin: 0; }
        ul.plain > li { border-top: 1px solid #e5e7eb; padding: .5rem 0; display: flex; flex-wrap: wrap;
          align-items: center; justify-content: space-between; gap: .5rem; }
        ul.plain > li:first-child { border-top: 0; }
        .meta { color: #4b5563; font-size: .9rem; display: block; overflow-wrap: anywhere; }
        figure.qr { margin: 1rem 0; }
        figure.qr svg { display: block; width: 100%; max-width: 240px; height: auto; }
        .key { font-family: ui-monospace, monospace; font-size: 1.05rem; letter-spacing: .05em;
          overflow-wrap: anywhere; }
        ol.codes { font-family: ui-monospace, monospace; font-size: 1.1rem; columns: 2; padding-left: 2rem; }
        .mail { background: #fff; border: 1px solid #e5e7eb; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
        .mail p { overflow-wrap: anywhere; }
        footer { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #4b5563; font-size: .9rem; }
        """
    }

    /// The page script: the "Show password" buttons. Everything works without it.
    static let script = """
        document.addEventListener("click", function (event) {
          var button = event.target.closest("button.reveal");
          if (!button) return;
          var field = document.getElementById(button.getAttribute("aria-controls"));
          var shown = field.type === "text";
          field.type = shown ? "password" : "text";
          button.setAttribute("aria-pressed", shown ? "false" : "true");
          button.textContent = shown ? "Show password" : "Hide password";
        });
        """
}
