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
  return entry.ended ? `${entry.when || "?"} – ${entry.ended}` : entry.when || "date unknown";
}

export function describe(entry) {
  const other = entry.with || entry.child;
  const disputed = entry.disputed.length ? ", disputed" : "";
  return `${words(entry.relation)}${other ? ` ${other}` : ""}, ${span(entry)}, ${entry.status}${disputed}`;
}
