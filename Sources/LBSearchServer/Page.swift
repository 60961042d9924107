/// The search page: one HTML document, its script and its style, compiled into the binary.
///
/// No CDN, no build step. The script is served as `/app.js` so the Content-Security-Policy can
/// forbid every inline script (`script-src 'self'`).
enum Page {
    /// `/` and `/doc/{id}`: the script reads the address and shows a search or a document.
    static let html = Reply(status: 200, contentType: "text/html; charset=utf-8", body: markup)
    /// `/app.js`.
    static let script = Reply(
        status: 200, contentType: "text/javascript; charset=utf-8", body: scriptText)
    /// `/app.css`.
    static let style = Reply(status: 200, contentType: "text/css; charset=utf-8", body: styleText)

    static let markup = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>lbsearch</title>
        <link rel="stylesheet" href="/app.css">
        <script src="/app.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to results</a>
        <header>
          <a class="brand" href="/">lbsearch</a>
          <form id="search" role="search" action="/" method="get">
            <label for="q" class="visually-hidden">Search the archive</label>
            <input id="q" name="q" type="search" autocomplete="off" spellcheck="false"
                   maxlength="1000" placeholder="Search (press / to focus)"
                   aria-describedby="keys">
            <label for="sort" class="visually-hidden">Order</label>
            <select id="sort" name="sort">
              <option value="relevance">Best match</option>
              <option value="date">Newest first</option>
            </select>
          </form>
          <p id="keys" class="visually-hidden">Type to search. Arrow keys move through the
            results, Enter opens one.</p>
        </header>
        <div class="layout">
          <nav id="facets" aria-label="Filters"></nav>
          <main id="main" tabindex="-1">
            <p id="status" role="status" aria-live="polite"></p>
            <p id="suggestion" hidden></p>
            <ol id="results" aria-label="Results"></ol>
            <nav id="pager" aria-label="Pages"></nav>
            <article id="reader" hidden></article>
          </main>
        </div>
        </body>
        </html>

        """#
}
