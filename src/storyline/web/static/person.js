// The person page: loads its JSON twin (/api/people/{name}?as_of=), replays what was known on a
// date with the as-of control (a slider over the days articles came out, and a date field for any
// day), and draws the chart, the partners line and the list of facts.

import { drawChart } from "./chart.js";
import { html, other, span, today, what } from "./dom.js";
import { evidencePopup } from "./evidence.js";

const root = document.getElementById("person");
const api = root.dataset.api;
const range = document.getElementById("as-of-range");
const dateInput = document.getElementById("as-of-date");
const label = document.getElementById("as-of-label");
const reset = document.getElementById("as-of-reset");
const chart = document.getElementById("chart");
const facts = document.querySelector("#facts tbody");
const partnersLine = document.getElementById("partners");
const message = document.getElementById("message");

let knownDates = [];
let current = null; // the JSON on screen
let request = 0; // answers to requests older than the latest are dropped
const popup = evidencePopup(document.getElementById("evidence"), (index) => current.entries[index]);

async function load(asOf) {
  const mine = ++request;
  root.dataset.state = "loading";
  const url = asOf ? `${api}?as_of=${encodeURIComponent(asOf)}` : api;
  let answer;
  try {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    answer = { ok: response.ok, body: await response.json() };
  } catch (error) {
    answer = { ok: false, body: { detail: String(error) } };
  }
  if (mine !== request) return;
  if (!answer.ok) {
    const detail = answer.body.detail;
    const problem = typeof detail === "string" ? detail : `${asOf} is not a date (YYYY-MM-DD)`;
    root.dataset.state = "error";
    // A bad date in the address: show everything instead, and say why.
    if (current === null && asOf) await load(null);
    message.textContent = problem;
    return;
  }
  current = answer.body;
  // A birth whose child is this person is their own: it reads "child of" its parents.
  for (const entry of current.entries) {
    entry.role = entry.relation === "child_born" && entry.child === current.name ? "child" : null;
  }
  message.textContent = "";
  if (!knownDates.length) setUpControl(current.known_dates);
  showAsOf(current.as_of);
  render();
  history.replaceState(null, "", current.as_of ? `?as_of=${current.as_of}` : location.pathname);
  root.dataset.asOf = current.as_of || "";
  root.dataset.state = "ready";
}

function setUpControl(dates) {
  knownDates = dates;
  range.max = String(dates.length); // the last stop is "everything known"
  range.disabled = false;
  range.addEventListener("input", () => {
    const index = Number(range.value);
    load(index >= knownDates.length ? null : knownDates[index]);
  });
  dateInput.addEventListener("change", () => load(dateInput.value || null));
  reset.addEventListener("click", () => load(null));
}

function showAsOf(asOf) {
  if (asOf === null) {
    range.value = String(knownDates.length);
    dateInput.value = "";
    label.textContent = "everything known";
  } else {
    // The slider rests on the last day an article came out by then.
    const count = knownDates.filter((d) => d <= asOf).length;
    range.value = String(Math.max(count - 1, 0));
    dateInput.value = asOf;
    label.textContent = `${asOf} (${count} of ${knownDates.length} publication days)`;
  }
  range.setAttribute("aria-valuetext", label.textContent);
}

function render() {
  popup.hide(true);
  const horizon = current.as_of || today();
  partnersLine.replaceChildren(...partnersText(current));
  chart.replaceChildren();
  facts.replaceChildren();
  if (!current.entries.length) {
    message.textContent = `Nothing was known about ${current.name} on ${horizon}.`;
    return;
  }
  // The chart fits the screen down to a phone's width; narrower than that, it scrolls sideways.
  const width = Math.max(chart.clientWidth || 900, 340);
  chart.append(drawChart(current, horizon, width, popup.wire));
  current.entries.forEach((entry, index) => facts.append(factRow(entry, index)));
}

function partnersText(data) {
  const when = data.as_of ? `On ${data.partners_at}, as then known` : `Today (${data.partners_at})`;
  if (!data.partners.length) return [`${when}: no partner known.`];
  const parts = [`${when}: `];
  data.partners.forEach((p, i) => {
    if (i) parts.push("; ");
    parts.push(`${p.phase} `, html("strong", { class: "partner-name" }, p.name));
    if (p.since) parts.push(` since ${p.since}`);
    if (p.status !== "confirmed") parts.push(` (${p.status})`);
    if (p.disputed.length) {
      const disputes = p.disputed.map((d) => `${d.relation} ${d.status}`).join(", ");
      parts.push(html("span", { class: "disputed-note" }, ` — disputed: ${disputes}`));
    }
  });
  return parts;
}

function factRow(entry, index) {
  const status = html("td", { class: "status" }, html("span", { class: "status-word" }, entry.status));
  for (const d of entry.disputed) {
    status.append(" · disputed: ", html("span", { class: `status-word status-${d.status}` }, d.status));
  }
  if (entry.stale) status.append(" · ", html("span", { class: "stale-note", title: "no article has restated it for a year: not taken as current" }, "stale"));
  const row = html(
    "tr",
    {
      class: `fact-row status-${entry.status}${entry.disputed.length ? " disputed" : ""}${entry.stale ? " stale" : ""}`,
      tabindex: 0,
      "data-index": index,
      "data-relation": entry.relation,
    },
    html("td", {}, span(entry)),
    html("td", {}, what(entry)),
    html("td", {}, other(entry)),
    status,
    html("td", {}, entry.known_since),
    html("td", { class: "sources" }, entry.sources.join(", ")),
  );
  popup.wire(row, index);
  return row;
}

let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => current && render(), 150);
});

load(new URLSearchParams(location.search).get("as_of"));
