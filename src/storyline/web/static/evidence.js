// The evidence popup: hovering or focusing a fact shows every claim behind it, each with its
// status, outlet (or source) and date, and its sentence highlighted in the paragraph of its
// article. A click keeps it open; Escape or a click elsewhere closes it.

import { html, other, span, what } from "./dom.js";

export function evidencePopup(popup, entryAt) {
  const articles = new Map(); // article id → Promise of its JSON, fetched once
  let pinned = null; // the fact whose popup was clicked open
  let hideTimer = 0;

  function wire(node, index) {
    node.addEventListener("mouseenter", () => show(node, index));
    node.addEventListener("mouseleave", () => scheduleHide());
    node.addEventListener("focus", () => show(node, index));
    node.addEventListener("blur", () => scheduleHide());
    node.addEventListener("click", (event) => {
      event.stopPropagation();
      pinned = pinned === index ? null : index;
      show(node, index);
    });
    node.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        pinned = index;
        show(node, index);
      }
    });
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => hide(false), 400);
  }

  function hide(force) {
    clearTimeout(hideTimer);
    if (!force && (pinned !== null || popup.matches(":hover"))) return;
    pinned = null;
    popup.hidden = true;
    delete popup.dataset.index;
  }

  function show(anchor, index) {
    clearTimeout(hideTimer);
    if (pinned !== null && pinned !== index) return;
    if (popup.dataset.index !== String(index)) {
      popup.replaceChildren(...content(entryAt(index)));
      popup.dataset.index = String(index);
    }
    popup.hidden = false;
    place(anchor);
  }

  function place(anchor) {
    const box = anchor.getBoundingClientRect();
    const width = Math.min(520, window.innerWidth - 24);
    popup.style.width = `${width}px`;
    const left = Math.min(Math.max(12, box.left), window.innerWidth - width - 12);
    popup.style.left = `${left + window.scrollX}px`;
    popup.style.top = `${box.bottom + window.scrollY + 8}px`;
  }

  function content(entry) {
    const who = other(entry);
    const title = html("h2", { id: "evidence-title" }, `${what(entry)}${who ? ` · ${who}` : ""}`);
    const close = html("button", { type: "button", class: "close", "aria-label": "Close" }, "×");
    close.addEventListener("click", () => hide(true));
    const meta = html(
      "p",
      { class: "meta" },
      `${span(entry)} · `,
      html("span", { class: `status-word status-${entry.status}` }, entry.status),
      ` · known since ${entry.known_since}`,
      entry.disputed.length ? " · disputed" : "",
    );
    return [close, title, meta, ...entry.claims.map(claimBlock)];
  }

  function claimBlock(claim) {
    const by = (claim.outlet || claim.source) + (claim.speaker ? ` (${claim.speaker})` : "");
    const quote = html("blockquote", { class: "excerpt" }, html("mark", {}, claim.sentence));
    const [start, end] = claim.span;
    const href = `/articles/${encodeURIComponent(claim.article)}?start=${start}&end=${end}#evidence`;
    const block = html(
      "section",
      { class: `claim status-${claim.status}` },
      html(
        "p",
        { class: "meta" },
        html("span", { class: `status-word status-${claim.status}` }, claim.status),
        " · ",
        html("span", { class: "outlet" }, by),
        " · ",
        html("time", { datetime: claim.published }, claim.published),
      ),
      claim.headline ? html("p", { class: "headline" }, claim.headline) : null,
      quote,
      html("p", { class: "open" }, html("a", { href }, "open the article")),
    );
    // The sentence shows at once; its paragraph follows when the article arrives.
    article(claim.article).then((found) => {
      if (found) quote.replaceChildren(...excerpt(found.text, claim));
    });
    return block;
  }

  function article(id) {
    if (!articles.has(id)) {
      const url = `/api/articles/${encodeURIComponent(id)}`;
      articles.set(id, fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null));
    }
    return articles.get(id);
  }

  popup.addEventListener("mouseleave", () => scheduleHide());
  popup.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide(true);
  });
  document.addEventListener("click", (event) => {
    if (!popup.contains(event.target)) hide(true);
  });

  return { wire, hide };
}

function excerpt(text, claim) {
  // The paragraph around the sentence, the sentence marked. The stored span runs on to the next
  // sentence, so the mark ends at the sentence's own last character.
  let [start, end] = claim.span;
  if (text.slice(start, end).trim() !== claim.sentence.trim()) {
    start = text.indexOf(claim.sentence);
    if (start < 0) return [html("mark", {}, claim.sentence)];
    end = start + claim.sentence.length;
  }
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  let from = text.lastIndexOf("\n\n", start);
  from = from < 0 ? 0 : from + 2;
  let to = text.indexOf("\n\n", end);
  to = to < 0 ? text.length : to;
  return [
    from < start - 300 ? "…" : "",
    text.slice(Math.max(from, start - 300), start),
    html("mark", {}, text.slice(start, end)),
    text.slice(end, Math.min(to, end + 300)),
    to > end + 300 ? "…" : "",
  ];
}
