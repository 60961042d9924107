extension Page {
    /// The page's look: system fonts, readable line length, one column on a phone, light or
    /// dark as the system prefers, visible focus.
    static let styleText = #"""
        :root {
          color-scheme: light dark;
          --bg: #ffffff; --fg: #1d1d1f; --muted: #5f6368; --line: #d9d9de;
          --accent: #0b57d0; --mark: #ffe58a; --mark-fg: #1d1d1f; --chip: #eef2fb;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #151517; --fg: #e8e8ea; --muted: #a0a0a8; --line: #36363c;
            --accent: #8ab4f8; --mark: #6b5a10; --mark-fg: #fff6cc; --chip: #23262e;
          }
        }
        * { box-sizing: border-box; }
        body {
          margin: 0; background: var(--bg); color: var(--fg);
          font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP",
            sans-serif;
        }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .visually-hidden {
          position: absolute; width: 1px; height: 1px; overflow: hidden;
          clip: rect(0 0 0 0); white-space: nowrap;
        }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; }
        header {
          display: flex; gap: 1rem; align-items: center; padding: 1rem;
          border-bottom: 1px solid var(--line); position: sticky; top: 0; background: var(--bg);
        }
        .brand { font-weight: 700; text-decoration: none; font-size: 1.2rem; }
        form { display: flex; gap: .5rem; flex: 1; min-width: 0; max-width: 46rem; }
        input[type=search], select {
          font: inherit; color: inherit; background: var(--bg);
          border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .75rem;
        }
        input[type=search] { flex: 1; min-width: 0; }
        .layout {
          display: grid; grid-template-columns: 14rem minmax(0, 46rem); gap: 2rem; padding: 1rem;
        }
        #facets h2 { font-size: .8rem; text-transform: uppercase; color: var(--muted); margin: 1rem 0 .25rem; }
        #facets ul { list-style: none; margin: 0; padding: 0; }
        .facet {
          display: flex; justify-content: space-between; gap: .5rem; width: 100%; font: inherit;
          color: inherit; background: none; border: 0; border-radius: .4rem; padding: .2rem .5rem;
          text-align: left; cursor: pointer;
        }
        .facet:hover { background: var(--chip); }
        .facet[aria-pressed=true] { background: var(--chip); font-weight: 600; }
        .facet .count { color: var(--muted); }
        #status { color: var(--muted); margin: 0 0 .5rem; }
        .export { margin-left: .5rem; }
        #results { list-style: none; padding: 0; margin: 0; }
        .hit { padding: .75rem 0; border-bottom: 1px solid var(--line); }
        .hit h2 { font-size: 1.1rem; margin: 0; }
        .meta { color: var(--muted); font-size: .9rem; margin: .1rem 0; }
        .fragment { margin: .25rem 0; }
        mark { background: var(--mark); color: var(--mark-fg); border-radius: .2rem; padding: 0 .1rem; }
        #pager { display: flex; gap: 1rem; align-items: center; padding: 1rem 0; }
        #reader h1 { font-size: 1.5rem; margin: .5rem 0; }
        #reader .body { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 1rem; }
        .original { display: block; overflow-wrap: anywhere; }
        @media (max-width: 720px) {
          header { flex-wrap: wrap; }
          form { flex-basis: 100%; }
          select { max-width: 9rem; }
          .layout { grid-template-columns: 1fr; gap: .5rem; }
          #facets { display: flex; flex-wrap: wrap; gap: 0 1rem; order: 2; }
        }

        """#
}
