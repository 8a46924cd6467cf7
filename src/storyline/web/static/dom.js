// Building DOM and SVG nodes from untrusted data. Text goes in only as text nodes and attribute
// values only through setAttribute, never through innerHTML: markup in a name or an article shows
// as the characters it is and never runs.

const SVG = "http://www.w3.org/2000/svg";

export function html(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), attrs, children);
}

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export const toTime = (iso) => (iso ? Date.parse(`${iso}T00:00:00Z`) : null);

export const today = () => new Date().toISOString().slice(0, 10);

export const words = (relation) => relation.replace("_", " ");

export function span(entry) {
  return entry.ended ? `${entry.when || "?"} – ${entry.ended}` : entry.when || "undated";
}

// What a fact is from the side of the page's person: a birth is "child of" on the child's own page.
export const what = (entry) => (entry.role === "child" ? "child of" : words(entry.relation));

// Who else the fact is about: the partner; for a birth on a parent's page, the child (and the other
// parent); on the child's page, a parent.
export function other(entry) {
  if (entry.relation === "child_born" && entry.role !== "child" && entry.child) {
    return entry.with ? `${entry.child} (with ${entry.with})` : entry.child;
  }
  return entry.with || entry.child || "";
}

export function describe(entry) {
  const who = other(entry);
  const disputed = entry.disputed.length ? ", disputed" : "";
  const stale = entry.stale ? ", stale: no news for a year" : "";
  return `${what(entry)}${who ? ` ${who}` : ""}, ${span(entry)}, ${entry.status}${disputed}${stale}`;
}
