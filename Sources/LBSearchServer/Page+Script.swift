extension Page {
    /// The page's behaviour.
    ///
    /// Search as you type (debounced, never inside an IME composition), facets, sort, paging,
    /// suggestion, export link, the reader view, state in the address, keyboard use. Document
    /// text only ever reaches the page as text nodes (`textContent`), so
    /// markup in a document shows as text and never runs.
    static let scriptText = #"""
        "use strict";
        const DEBOUNCE_MS = 150;
        const PAGE_SIZE = 10;
        const FIELDS = [["source", "Source"], ["tag", "Tag"], ["year", "Year"]];
        const $ = (id) => document.getElementById(id);
        let composing = false;
        let timer = 0;
        let lastKey = 0;
        let generation = 0;
        let inFlight = null;

        function readState() {
          const p = new URLSearchParams(location.search);
          return {
            q: p.get("q") || "", sort: p.get("sort") === "date" ? "date" : "relevance",
            offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0),
            source: p.get("source") || "", tag: p.get("tag") || "", year: p.get("year") || "",
          };
        }

        function stateURL(s) {
          const p = new URLSearchParams();
          for (const k of ["q", "sort", "offset", "source", "tag", "year"]) {
            if (s[k] && !(k === "sort" && s[k] === "relevance") && !(k === "offset" && !s[k])) {
              p.set(k, s[k]);
            }
          }
          const text = p.toString();
          return "/" + (text ? "?" + text : "");
        }

        function quoted(value) { return '"' + value.replace(/"/g, " ") + '"'; }

        // The query the API runs: what was typed, plus the chosen facets as filters.
        function fullQuery(s) {
          let q = s.q.trim();
          if (s.source) q += " source:" + quoted(s.source);
          if (s.tag) q += " tag:" + quoted(s.tag);
          if (s.year) q += " date:" + s.year;
          return q.trim();
        }

        // Text with [start, end) code-point ranges wrapped in <mark>, built from text nodes.
        function marked(text, ranges) {
          const chars = Array.from(text);
          const out = document.createDocumentFragment();
          let at = 0;
          for (const [start, end] of ranges || []) {
            if (start < at || end > chars.length) continue;
            out.append(chars.slice(at, start).join(""));
            const mark = document.createElement("mark");
            mark.textContent = chars.slice(start, end).join("");
            out.append(mark);
            at = end;
          }
          out.append(chars.slice(at).join(""));
          return out;
        }

        function element(tag, className, text) {
          const node = document.createElement(tag);
          if (className) node.className = className;
          if (text !== undefined) node.textContent = text;
          return node;
        }

        function docHref(id, q) {
          return "/doc/" + encodeURIComponent(id) + (q ? "?q=" + encodeURIComponent(q) : "");
        }

        function renderHit(hit, q) {
          const li = element("li", "hit");
          const h2 = element("h2");
          const a = element("a");
          a.href = docHref(hit.id, q);
          a.append(marked(hit.title, hit.title_highlights));
          h2.append(a);
          li.append(h2);
          const meta = [hit.date, hit.source].filter(Boolean).join(" · ");
          if (meta) li.append(element("p", "meta", meta));
          for (const fragment of hit.fragments) {
            const p = element("p", "fragment");
            p.append(marked(fragment.text, fragment.highlights));
            li.append(p);
          }
          return li;
        }

        function renderFacets(facets, s) {
          const nav = $("facets");
          nav.replaceChildren();
          for (const [field, label] of FIELDS) {
            const values = (facets && facets[field]) || [];
            if (!values.length && !s[field]) continue;
            const section = element("section");
            const heading = element("h2", "", label);
            heading.id = "facet-" + field;
            section.setAttribute("aria-labelledby", heading.id);
            section.append(heading);
            const list = element("ul");
            for (const { value, count } of values.slice(0, 12)) {
              const button = element("button", "facet");
              button.type = "button";
              button.dataset.field = field;
              button.dataset.value = value;
              button.setAttribute("aria-pressed", String(s[field] === value));
              button.append(element("span", "value", value), element("span", "count", count));
              button.addEventListener("click", () => {
                const next = { ...readState(), offset: 0 };
                next[field] = next[field] === value ? "" : value;
                go(next, true);
              });
              const item = element("li");
              item.append(button);
              list.append(item);
            }
            section.append(list);
            nav.append(section);
          }
        }

        function renderPager(total, s) {
          const nav = $("pager");
          nav.replaceChildren();
          if (total <= PAGE_SIZE) return;
          const pages = Math.ceil(total / PAGE_SIZE);
          const page = Math.floor(s.offset / PAGE_SIZE) + 1;
          const link = (label, offset, rel) => {
            const a = element("a", "page", label);
            a.href = stateURL({ ...s, offset });
            a.rel = rel;
            a.addEventListener("click", (e) => { e.preventDefault(); go({ ...s, offset }, true); });
            return a;
          };
          if (page > 1) nav.append(link("‹ Previous", s.offset - PAGE_SIZE, "prev"));
          nav.append(element("span", "where", "Page " + page + " of " + pages));
          if (page < pages) nav.append(link("Next ›", s.offset + PAGE_SIZE, "next"));
        }

        function renderSuggestion(suggestion, s) {
          const p = $("suggestion");
          p.replaceChildren();
          p.hidden = !suggestion;
          if (!suggestion) return;
          const a = element("a", "", suggestion);
          a.href = stateURL({ ...s, q: suggestion, offset: 0 });
          a.addEventListener("click", (e) => {
            e.preventDefault();
            $("q").value = suggestion;
            go({ ...s, q: suggestion, offset: 0 }, true);
          });
          p.append("Did you mean ", a, "?");
        }

        function exportLink(s, q) {
          const a = element("a", "export", "Export CSV");
          const p = new URLSearchParams({ q });
          if (s.sort === "date") p.set("sort", "date");
          a.href = "/api/export.csv?" + p.toString();
          a.setAttribute("download", "lbsearch.csv");
          return a;
        }

        // An answer with no results to show: the message alone, and the page marked ready.
        function showError(message, mine) {
          for (const id of ["results", "pager", "facets"]) $(id).replaceChildren();
          $("suggestion").hidden = true;
          $("status").textContent = message;
          document.body.dataset.ready = String(mine);
        }

        // Shows the results of `s`; `keyAt` is when the keystroke that asked for them came.
        async function search(s, keyAt) {
          const mine = ++generation;
          if (inFlight) inFlight.abort();  // an older query's answer is no longer wanted
          inFlight = null;
          const q = fullQuery(s);
          if (!q) return showError("", mine);
          const p = new URLSearchParams({ q, limit: PAGE_SIZE, offset: s.offset, sort: s.sort });
          const controller = new AbortController();
          inFlight = controller;
          const sent = performance.now();
          let body;
          try {
            const response = await fetch("/api/search?" + p.toString(), { signal: controller.signal });
            body = await response.json();
            if (mine !== generation) return;
            if (!response.ok) return showError(body.error || "The search failed.", mine);
          } catch (error) {
            if (mine === generation) showError("The server did not answer.", mine);
            return;
          }
          const received = performance.now();
          const results = $("results");
          results.replaceChildren(...body.hits.map((hit) => renderHit(hit, q)));
          results.start = s.offset + 1;
          const total = body.total ?? body.count;
          const status = $("status");
          status.replaceChildren(
            total === 0 ? "No results." : total + (total === 1 ? " result" : " results")
              + (body.match === "any" ? " with some of the words" : "")
              + (body.complete ? "" : " (search stopped early)") + ". ");
          if (total > 0) status.append(exportLink(s, q));
          renderSuggestion(body.suggestion, s);
          renderFacets(body.facets, s);
          renderPager(total, s);
          document.body.dataset.query = q;
          document.body.dataset.ready = String(mine);
          afterPaint(() => timed(mine, q, keyAt || sent, sent, received));
        }

        // Runs `then` once the browser has painted what the page holds now.
        function afterPaint(then) {
          requestAnimationFrame(() => setTimeout(then, 0));
        }

        // Times from the last keystroke to the results on screen, as performance measures
        // (a browser's developer tools show them) and on the results list (the browser test).
        function timed(mine, q, key, sent, received) {
          if (mine !== generation) return;
          const painted = performance.now();
          const timing = {
            keyToPaint: painted - key, waited: sent - key, request: received - sent,
            render: painted - received,
          };
          performance.measure("lbsearch: keystroke to results", { start: key, end: painted });
          performance.measure("lbsearch: request", { start: sent, end: received });
          const results = $("results");
          results.dataset.timing = JSON.stringify(timing);
          results.dataset.latencyMs = String(Math.round(timing.keyToPaint));
          document.body.dataset.painted = q;
        }

        async function showDocument() {
          const reader = $("reader");
          const id = decodeURIComponent(location.pathname.slice("/doc/".length));
          const q = new URLSearchParams(location.search).get("q") || "";
          for (const name of ["results", "pager", "facets"]) $(name).replaceChildren();
          reader.hidden = false;
          reader.replaceChildren();
          const back = element("a", "back", "‹ Back to results");
          back.href = stateURL({ ...readState(), q });
          back.addEventListener("click", (e) => {
            if (history.length > 1 && document.referrer) { e.preventDefault(); history.back(); }
          });
          reader.append(back);
          const query = q ? "?q=" + encodeURIComponent(q) : "";
          let response, doc;
          try {
            response = await fetch("/api/document/" + encodeURIComponent(id) + query);
            doc = await response.json();
          } catch (error) {
            doc = { error: "The server did not answer." };
          }
          if (!response || !response.ok) {
            reader.append(element("p", "", doc.error));
            document.body.dataset.ready = "doc";
            return;
          }
          document.title = doc.title + " · lbsearch";
          const h1 = element("h1");
          h1.append(marked(doc.title, doc.title_highlights));
          reader.append(h1);
          const meta = [doc.date, doc.source, doc.path].filter(Boolean).join(" · ");
          reader.append(element("p", "meta", meta));
          if (doc.url && /^https?:\/\//i.test(doc.url)) {
            const link = element("a", "original", "Original: " + doc.url);
            link.href = doc.url;
            link.rel = "noopener noreferrer";
            reader.append(link);
          }
          const body = element("div", "body");
          body.append(marked(doc.body, doc.highlights));
          reader.append(body);
          $("q").value = q;
          document.body.dataset.ready = "doc";
          const first = body.querySelector("mark");
          if (first) first.scrollIntoView({ block: "center" });
        }

        function go(s, push, keyAt) {
          const url = stateURL(s);
          if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
          $("reader").hidden = true;
          search(s, keyAt);
        }

        function fromAddress() {
          if (location.pathname.startsWith("/doc/")) return showDocument();
          const s = readState();
          $("q").value = s.q;
          $("sort").value = s.sort;
          $("reader").hidden = true;
          search(s);
        }

        function typed() {
          lastKey = performance.now();
          clearTimeout(timer);
          if (composing) return;
          timer = setTimeout(() => {
            const s = { ...readState(), q: $("q").value, offset: 0 };
            const onDoc = location.pathname.startsWith("/doc/");
            go(s, onDoc, lastKey);
          }, DEBOUNCE_MS);
        }

        function moveThroughResults(event) {
          const links = Array.from(document.querySelectorAll("#results .hit h2 a"));
          if (!links.length) return;
          const at = links.indexOf(document.activeElement);
          const step = event.key === "ArrowDown" ? 1 : -1;
          const next = at < 0 ? (step > 0 ? 0 : links.length - 1) : at + step;
          if (next < 0) { $("q").focus(); event.preventDefault(); return; }
          if (next < links.length) { links[next].focus(); event.preventDefault(); }
        }

        function keys(event) {
          const inField = ["INPUT", "SELECT", "TEXTAREA"].includes(event.target.tagName);
          if (event.key === "/" && !inField) { event.preventDefault(); $("q").focus(); return; }
          const arrow = event.key === "ArrowDown" || event.key === "ArrowUp";
          if (arrow && event.target.type !== "select-one") moveThroughResults(event);
        }

        document.addEventListener("DOMContentLoaded", () => {
          const box = $("q");
          box.addEventListener("compositionstart", () => { composing = true; });
          box.addEventListener("compositionend", () => { composing = false; typed(); });
          box.addEventListener("input", (e) => { if (!e.isComposing) typed(); });
          $("search").addEventListener("submit", (e) => {
            e.preventDefault();
            clearTimeout(timer);
            go({ ...readState(), q: box.value, offset: 0 }, true);
          });
          $("sort").addEventListener("change", () => {
            go({ ...readState(), q: box.value, sort: $("sort").value, offset: 0 }, true);
          });
          document.addEventListener("keydown", keys);
          window.addEventListener("popstate", fromAddress);
          fromAddress();
          if (!location.pathname.startsWith("/doc/")) box.focus();
        });

        """#
}
