// The timeline chart: an SVG with a lane per partner (phases as bars, events as dots), lanes for
// works, homes and interviews, year ticks, and the knowledge horizon (the as-of date).
// Status shows by style (style.css): confirmed solid, reported half-filled, rumoured dashed,
// denied struck; a fact someone denied carries a struck "denied".

import { describe, svg, toTime, what, words } from "./dom.js";

const DAY = 86400000;
const STATES = ["dating", "engaged", "married"];
const PARTNERSHIP = new Set([...STATES, "met", "split", "divorced", "reconciled", "moved_in", "child_born"]);
const OTHER_LANES = { acted_in: "acted in", lives_in: "lived in", said: "said to" };

function laneOf(entry) {
  if (PARTNERSHIP.has(entry.relation)) {
    // A birth sits in the lane of the other parent (or of a parent, on the child's own page).
    const name = entry.with || entry.child || "partner unknown";
    return { key: `partner:${name}`, name, partner: true };
  }
  const name = OTHER_LANES[entry.relation] || words(entry.relation);
  return { key: `other:${name}`, name, partner: false };
}

function lanesOf(entries) {
  // In order of first appearance; in each lane an events row, then one row per phase present.
  const lanes = new Map();
  entries.forEach((entry, index) => {
    const { key, name, partner } = laneOf(entry);
    if (!lanes.has(key)) lanes.set(key, { name, partner, events: [], states: new Map() });
    const lane = lanes.get(key);
    // A denied relationship is no span of time: it is drawn as a struck event, on the day denied.
    if (STATES.includes(entry.relation) && entry.status !== "denied" && !entry.undated) {
      if (!lane.states.has(entry.relation)) lane.states.set(entry.relation, []);
      lane.states.get(entry.relation).push(index);
    } else {
      lane.events.push(index);
    }
  });
  for (const lane of lanes.values()) {
    lane.rows = [];
    if (lane.events.length) lane.rows.push({ label: "events", items: lane.events, kind: "event" });
    for (const state of STATES) {
      if (!lane.states.has(state)) continue;
      tracks(lane.states.get(state), entries).forEach((items, i) => {
        lane.rows.push({ label: i ? "" : state, items, kind: "state" });
      });
    }
  }
  return [...lanes.values()];
}

function tracks(indexes, entries) {
  // Bars of one phase that overlap (a confirmed marriage and a rumoured one) go on rows of their
  // own, so that neither hides the other.
  const rows = [];
  for (const index of indexes) {
    const { from, to } = entries[index].range;
    const start = toTime(from) ?? toTime(to) ?? -Infinity;
    const end = toTime(to) ?? Infinity;
    const row = rows.find((r) => r.end < start);
    if (row) {
      row.items.push(index);
      row.end = end;
    } else {
      rows.push({ items: [index], end });
    }
  }
  return rows.map((r) => r.items);
}

// Draws `data` (the person JSON) up to `horizon`, `width` pixels wide; `wire(node, index)` makes a
// fact's node show its evidence.
export function drawChart(data, horizon, width, wire) {
  const entries = data.entries;
  const end = toTime(horizon);
  const times = [end];
  for (const e of entries) {
    for (const t of [toTime(e.range.from), toTime(e.range.to)]) if (t !== null) times.push(t);
  }
  const first = Math.min(...times) - 180 * DAY;
  const last = Math.max(...times) + 180 * DAY;
  // Narrow screens: a narrower gutter for the lane names (which are cut to fit it).
  const gutter = width < 560 ? 96 : 170;
  // Facts no article dates sit in a column of their own, before the time axis: never on a day.
  const undatedWidth = entries.some((e) => e.undated) ? 56 : 0;
  const left = gutter + undatedWidth;
  const right = 20;
  const x = (t) => left + ((t - first) / (last - first)) * (width - left - right);
  const rowHeight = 30;
  const laneGap = 14;
  const top = 34;
  const lanes = lanesOf(entries);
  const rows = lanes.reduce((n, lane) => n + lane.rows.length, 0);
  const height = top + rows * rowHeight + lanes.length * laneGap + 30;

  const root = svg("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    "aria-label": `Timeline of ${data.name}`,
    class: "timeline",
  });
  root.append(svg("title", {}, `Timeline of ${data.name}, as known on ${data.as_of || "today"}`));

  // Year ticks, thinned so that labels never crowd.
  const firstYear = new Date(first).getUTCFullYear() + 1;
  const lastYear = new Date(last).getUTCFullYear();
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / ((width - left) / 60)));
  const axis = svg("g", { class: "axis" });
  for (let year = firstYear; year <= lastYear; year += step) {
    const at = x(Date.UTC(year, 0, 1));
    axis.append(svg("line", { x1: at, x2: at, y1: top - 8, y2: height - 24, class: "tick" }));
    axis.append(svg("text", { x: at + 3, y: top - 12, class: "tick-label" }, String(year)));
  }
  if (undatedWidth) {
    axis.append(svg("text", { x: gutter + 4, y: top - 12, class: "tick-label undated-label" }, "undated"));
    axis.append(svg("line", { x1: left - 4, x2: left - 4, y1: top - 8, y2: height - 24, class: "tick undated-rule" }));
  }
  root.append(axis);

  // The knowledge horizon: nothing published after it is on the chart.
  const h = x(end);
  root.append(
    svg("line", { x1: h, x2: h, y1: top - 20, y2: height - 18, class: "horizon" }),
    svg(
      "text",
      { x: h - 4, y: height - 6, class: "horizon-label", "text-anchor": "end" },
      data.as_of ? `known as of ${data.as_of}` : `today, ${horizon}`,
    ),
  );

  let y = top;
  for (const lane of lanes) {
    const group = svg("g", { class: "lane" });
    // On a narrow screen the lane's name goes above its row labels, with the whole gutter to itself.
    const narrow = gutter < 170;
    const laneLabel = {
      x: 8,
      y: narrow ? y + 6 : y + 18,
      class: "lane-label",
      "data-partner": lane.partner ? lane.name : null,
    };
    group.append(svg("text", laneLabel, fit(lane.name, narrow ? gutter - 8 : gutter - 70)));
    for (const row of lane.rows) {
      const placed = []; // the label boxes of this row so far, so that no two overlap
      group.append(svg("text", { x: gutter - 8, y: y + 19, class: "row-label", "text-anchor": "end" }, row.label));
      const middle = y + rowHeight / 2;
      group.append(svg("line", { x1: left, x2: width - right, y1: middle, y2: middle, class: "row-rule" }));
      for (const index of row.items) {
        const entry = entries[index];
        const g = factGroup(entry, index);
        const name = lane.partner ? pointLabel(entry) : entry.with || words(entry.relation);
        if (entry.undated) {
          undated(g, entry, gutter + undatedWidth / 2, y, name, placed);
        } else if (row.kind === "state") {
          bar(g, entry, x, y, h);
        } else {
          point(g, entry, x, y, first, name, placed, width - right);
        }
        wire(g, index);
        group.append(g);
      }
      y += rowHeight;
    }
    y += laneGap;
    root.append(group);
  }
  return root;
}

function pointLabel(entry) {
  if (entry.relation === "child_born" && entry.role !== "child") return `child: ${entry.child || "unnamed"}`;
  return what(entry);
}

function factGroup(entry, index) {
  const classes = ["fact", `rel-${entry.relation}`, `status-${entry.status}`];
  if (entry.disputed.length) classes.push("disputed");
  if (entry.stale) classes.push("stale");
  const g = svg("g", {
    class: classes.join(" "),
    tabindex: 0,
    role: "button",
    "data-index": index,
    "data-relation": entry.relation,
    "data-status": entry.status,
    "aria-label": describe(entry),
  });
  g.append(svg("title", {}, describe(entry)));
  return g;
}

function bar(g, entry, x, y, horizonX) {
  const from = toTime(entry.range.from);
  const to = toTime(entry.range.to);
  const x1 = from === null ? x(to) : x(from);
  const x2 = to === null ? horizonX : Math.max(x(to), x1 + 3);
  g.append(svg("rect", { x: x1, y: y + 12, width: Math.max(x2 - x1, 3), height: 12, rx: 3, class: "mark" }));
  // Still under way on the horizon: an arrowhead says it goes on.
  if (to === null) g.append(svg("path", { d: `M${x2 + 2} ${y + 11} l7 7 l-7 7 z`, class: "open-end" }));
  if (entry.status === "denied") g.append(svg("line", { x1, x2, y1: y + 18, y2: y + 18, class: "strike" }));
  if (entry.disputed.length) g.append(denial(x1 + 2, y + 10));
}

// About how wide a label is drawn (11px system sans): enough to keep labels apart.
const textWidth = (text) => text.length * 6.2;

function fit(text, room) {
  // A name cut to the room it has, with an ellipsis; the full name is in the fact's title.
  const most = Math.max(4, Math.floor(room / 7.2));
  return text.length > most ? `${text.slice(0, most - 1)}…` : text;
}

function label(g, text, cx, cy, placed, limit) {
  // Beside the dot, above it; where that would cover a label already placed, below it; where both
  // would, no label (the fact's title and the table below still say it).
  const w = textWidth(text);
  const x1 = Math.min(cx + 10, limit - w);
  for (const dy of [-4, 16]) {
    const box = { x1, x2: x1 + w, y: cy + dy };
    if (!placed.some((p) => p.y === box.y && p.x1 < box.x2 + 4 && box.x1 < p.x2 + 4)) {
      placed.push(box);
      g.append(svg("text", { x: x1, y: cy + dy, class: "point-label" }, text));
      return;
    }
  }
}

function undated(g, entry, cx, y, name, placed) {
  // No date: a hollow, dashed dot in the undated column.
  const cy = y + 16;
  g.classList.add("undated");
  g.append(svg("circle", { cx, cy, r: 7, class: "mark" }));
  if (entry.status === "denied") {
    g.append(svg("line", { x1: cx - 10, x2: cx + 10, y1: cy + 7, y2: cy - 7, class: "strike" }));
  }
  label(g, name, cx - 10 - textWidth(name) / 2, cy, placed, Infinity);
}

function point(g, entry, x, y, first, name, placed, limit) {
  const from = toTime(entry.range.from);
  const to = toTime(entry.range.to);
  const cy = y + 16;
  // A dated event sits mid-way through its span, the span drawn as a whisker; one known only as
  // "by D" sits at D with a dotted whisker reaching back.
  let cx;
  if (from !== null && to !== null) {
    cx = x((from + to) / 2);
    if (x(to) - x(from) > 4) g.append(svg("line", { x1: x(from), x2: x(to), y1: cy, y2: cy, class: "whisker" }));
  } else if (to !== null) {
    cx = x(to);
    g.append(svg("line", { x1: Math.max(x(first), cx - 40), x2: cx, y1: cy, y2: cy, class: "whisker open" }));
  } else {
    cx = x(from);
    g.append(svg("line", { x1: cx, x2: cx + 40, y1: cy, y2: cy, class: "whisker open" }));
  }
  g.append(svg("circle", { cx, cy, r: 7, class: "mark" }));
  if (entry.status === "denied") {
    g.append(svg("line", { x1: cx - 10, x2: cx + 10, y1: cy + 7, y2: cy - 7, class: "strike" }));
  }
  label(g, name, cx, cy, placed, limit);
  if (entry.disputed.length) g.append(denial(cx + 10, cy + 10));
}

function denial(x, y) {
  // Someone denied this fact: the word, struck through, beside it.
  return svg("text", { x, y, class: "denial" }, "denied");
}
