import Foundation
import Mustache

/// The pages, as Mustache templates compiled once. Every page is the layout around its own content;
/// text is escaped by Mustache (`{{...}}`), and only the rendered content goes in unescaped.
struct Pages: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        try library.register(Self.layout, named: "layout")
        try library.register(Self.login, named: "login")
        try library.register(Self.dashboard, named: "dashboard")
        self.library = library
    }

    /// `page` rendered with `values`, inside the layout.
    func render(_ page: String, title: String, branding: Branding, _ values: [String: Any]) -> String {
        let content = library.render(values, withTemplate: page) ?? ""
        let frame: [String: Any] = ["title": title, "brand": branding.name, "content": content]
        return library.render(frame, withTemplate: "layout") ?? ""
    }

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{brand}}</title>
        <link rel="stylesheet" href="/static/app.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body>
        <header class="brand"><span class="logo" aria-hidden="true"></span><span>{{brand}}</span></header>
        <main id="main">
        {{{content}}}
        </main>
        </body>
        </html>
        """

    static let login = """
        <h1>Sign in</h1>
        {{#message}}<p class="error" role="alert" id="form-error">{{message}}</p>{{/message}}
        <form method="post" action="/login" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <div class="field">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" inputmode="email" required
         value="{{email}}"{{#message}} aria-invalid="true" aria-describedby="form-error"{{/message}}>
        </div>
        <div class="field">
        <label for="password">Password</label>
        <div class="password">
        <input id="password" name="password" type="password" autocomplete="current-password" required
        {{#message}} aria-invalid="true" aria-describedby="form-error"{{/message}}>
        <button type="button" class="reveal" aria-controls="password" aria-pressed="false">Show password</button>
        </div>
        </div>
        <button type="submit" class="primary">Sign in</button>
        </form>
        """

    static let dashboard = """
        <h1>Welcome back, {{name}}</h1>
        {{#sections}}
        <section aria-labelledby="{{id}}">
        <h2 id="{{id}}">{{heading}}</h2>
        <ul>{{#items}}<li>{{.}}</li>{{/items}}</ul>
        </section>
        {{/sections}}
        {{^sections}}<p>There is nothing here for your role yet.</p>{{/sections}}
        <form method="post" action="/logout">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button type="submit">Sign out</button>
        </form>
        """

    /// The style sheet: readable at 360 px, 44 px touch targets, visible focus, the brand's color.
    static func styleSheet(_ branding: Branding) -> String {
        """
        :root { --brand: \(branding.color); }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #111827; background: #f9fafb; }
        .brand { display: flex; align-items: center; gap: .5rem; padding: .75rem 1rem; background: var(--brand);
          color: #fff; font-weight: 600; }
        .logo { width: 1.5rem; height: 1.5rem; border-radius: .375rem; background: #fff; opacity: .9; }
        main { max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.5rem; }
        .field { margin-bottom: 1rem; }
        label { display: block; font-weight: 600; margin-bottom: .25rem; }
        input[type=email], input[type=password], input[type=text] { width: 100%; min-height: 44px;
          padding: .5rem .75rem; font-size: 1rem; border: 1px solid #6b7280; border-radius: .375rem; }
        .password { display: flex; gap: .5rem; }
        button { min-height: 44px; min-width: 44px; padding: .5rem 1rem; font-size: 1rem; border-radius: .375rem;
          border: 1px solid #374151; background: #fff; color: #111827; cursor: pointer; }
        button.primary { width: 100%; background: var(--brand); border-color: var(--brand); color: #fff; }
        :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
        .error { padding: .75rem; border-radius: .375rem; background: #fef2f2; color: #991b1b;
          border: 1px solid #fca5a5; }
        section { background: #fff; border: 1px solid #e5e7eb; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
        """
    }

    /// The page script: the "Show password" button. Everything works without it.
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
