// driftless status page: a hand-written client of /api/v1/ (docs/operations.md).
// Every value from the API goes into the page as text (textContent), never as HTML.
"use strict";

const state = { token: sessionStorage.getItem("driftless.token") || "", events: 0, route: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children.flat(Infinity)) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const slug = (s) => String(s || "").replace(/[^a-z0-9]+/gi, "-").toLowerCase();
const short = (c) => (c ? String(c).slice(0, 7) : "-");
const badge = (prefix, value) => (value ? el("span", { class: `badge ${prefix}-${slug(value)}` }, value) : el("span", { class: "muted" }, "none"));

function headers() {
  return state.token ? { Authorization: `Bearer ${state.token}` } : {};
}

async function api(path, options) {
  const res = await fetch(`/api/v1/${path}`, Object.assign({ headers: headers() }, options || {}));
  if (res.status === 401) {
    document.getElementById("login").hidden = false;
    throw new Error("a bearer token is required");
  }
  const body = await res.json();
  if (!res.ok && res.status !== 409) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

function say(text) {
  const m = document.getElementById("message");
  m.textContent = text;
  m.hidden = !text;
}

function stamp() {
  document.getElementById("updated").textContent = `updated ${new Date().toISOString().slice(0, 19)}Z`;
}

// --- environments -------------------------------------------------------------

async function renderEnvironments(main) {
  const data = await api("environments");
  const rows = data.environments.map((e) =>
    el("tr", { "data-env": e.env },
      el("td", {}, el("a", { href: `#/env/${encodeURIComponent(e.env)}` }, e.env)),
      el("td", { class: "mono" }, e.branch),
      el("td", {}, el("code", {}, short(e.lastAppliedCommit)), " ", e.commitSubject || "",
        e.commitAuthor ? el("div", { class: "muted" }, e.commitAuthor) : null),
      el("td", { class: "result" }, badge("result", e.running ? "running" : e.lastResult)),
      el("td", {}, e.lastCycleEnd || "-"),
      el("td", { class: "drift" }, String(e.driftCount ?? 0)),
      el("td", {}, e.suspended ? "suspended" : e.nextRun || "-"),
      el("td", { class: "mono" }, e.leaseHolder || "-"),
      el("td", { class: "health" }, badge("health", e.health && e.health.state)),
      el("td", { class: "muted" }, e.error || "")));
  main.replaceChildren(
    el("h2", {}, "Environments"),
    el("table", { id: "environments" },
      el("thead", {}, el("tr", {}, ["Environment", "Branch", "Applied commit", "Last result", "Last cycle",
        "Drift", "Next run", "Lease holder", "Health", "Error"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)),
    ...liveLog());
}

// --- one environment ----------------------------------------------------------

async function renderEnvironment(main, env) {
  const enc = encodeURIComponent(env);
  const [info, res, cycles, drift] = await Promise.all([
    api(`environments/${enc}`), api(`environments/${enc}/resources`),
    api(`environments/${enc}/cycles?limit=20`), api(`environments/${enc}/drift`)]);
  main.replaceChildren(
    el("h2", {}, `Environment ${env}`),
    summary(info),
    el("h2", {}, "Resources"), resourceTables(res.resources),
    el("h2", {}, "Dependency graph"), graph(res.resources),
    el("h2", {}, "Cycles"), cycleTable(env, cycles.cycles || [], info.health),
    el("h2", {}, "Drift timeline"), driftTimeline(drift),
    ...liveLog());
}

function summary(e) {
  const act = (verb) => el("button", { "data-action": verb, onclick: () => action(e.env, verb) }, verb);
  return el("div", { id: "summary" },
    el("p", {}, "Branch ", el("code", {}, e.branch), " at ", el("code", {}, short(e.lastAppliedCommit)), " ",
      e.commitSubject || "", e.commitAuthor ? ` (${e.commitAuthor})` : "", " · last result ",
      badge("result", e.running ? "running" : e.lastResult), " · health ",
      badge("health", e.health && e.health.state), " · ", e.suspended ? "suspended" : `next run ${e.nextRun || "-"}`,
      " · lease ", e.leaseHolder || "-"),
    e.health && e.health.state ? el("p", { id: "health" }, `Health gate: ${e.health.state} for ${short(e.health.commit)}`,
      e.health.lastGood ? ` · last good ${short(e.health.lastGood)}` : "",
      e.health.badCommit ? ` · ${short(e.health.badCommit)} held back until the branch moves` : "",
      e.health.bakeUntil ? ` · baking until ${e.health.bakeUntil}` : "",
      e.health.alarms && e.health.alarms.length ? ` · alarms: ${e.health.alarms.join(", ")}` : "") : null,
    e.error ? el("p", { class: "status-failed" }, e.error) : null,
    el("p", { class: "actions" }, act("resync"), e.suspended ? act("resume") : act("suspend")));
}

async function action(env, verb) {
  try {
    const answer = await api(`environments/${encodeURIComponent(env)}/${verb}`, { method: "POST" });
    say(answer.ok ? `${verb}: done` : `${verb}: ${answer.error}`);
  } catch (err) {
    say(`${verb}: ${err.message}`);
  }
  refresh();
}

function resourceTables(resources) {
  if (!resources.length) return el("p", { class: "muted" }, "No managed resources yet.");
  const stacks = new Map();
  for (const r of resources) {
    if (!stacks.has(r.stack)) stacks.set(r.stack, []);
    stacks.get(r.stack).push(r);
  }
  return el("div", { id: "resources" }, [...stacks].map(([stack, list]) => [
    el("h3", {}, `stack ${stack}`),
    el("table", { "data-stack": stack },
      el("thead", {}, el("tr", {}, ["Logical id", "Type", "Physical id", "Status", "Last change"].map((h) => el("th", {}, h)))),
      el("tbody", {}, list.map((r) => el("tr", { "data-resource": r.id, "data-status": r.status },
        el("td", { class: "mono" }, r.logicalId), el("td", {}, r.type), el("td", { class: "mono" }, r.physicalId),
        el("td", { class: "status" }, badge("status", r.status)), el("td", {}, el("code", {}, short(r.lastChange)))))))]));
}

function graph(resources) {
  if (!resources.length) return el("p", { class: "muted" }, "Nothing to draw.");
  const waves = [];
  for (const r of resources) (waves[r.wave] = waves[r.wave] || []).push(r);
  const W = 230, H = 34, GX = 70, GY = 14, pos = new Map();
  waves.forEach((list, x) => (list || []).forEach((r, y) => pos.set(r.id, { x: 10 + x * (W + GX), y: 30 + y * (H + GY) })));
  const width = 20 + waves.length * (W + GX), height = 40 + Math.max(...waves.map((w) => (w || []).length)) * (H + GY);
  const defs = svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5",
    markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, svg("path", { d: "M0,0L10,5L0,10z", fill: "#9aa3b5" })));
  const heads = waves.map((_, x) => svg("text", { x: 10 + x * (W + GX), y: 18, fill: "#6b7385" }, `wave ${x}`));
  const edges = [];
  for (const r of resources)
    for (const d of r.dependencies || []) {
      const a = pos.get(d), b = pos.get(r.id);
      if (!a || !b) continue;
      edges.push(svg("path", { class: "edge", d: `M${a.x + W},${a.y + H / 2} C${a.x + W + GX / 2},${a.y + H / 2} ${b.x - GX / 2},${b.y + H / 2} ${b.x},${b.y + H / 2}` }));
    }
  const nodes = resources.map((r) => {
    const p = pos.get(r.id);
    return svg("g", { class: `node node-${slug(r.status)}`, "data-node": r.id, transform: `translate(${p.x},${p.y})` },
      svg("title", {}, `${r.id} (${r.type}) ${r.status}`),
      svg("rect", { width: W, height: H, rx: 5 }),
      svg("text", { x: 8, y: 14 }, r.id.length > 30 ? `${r.id.slice(0, 29)}…` : r.id),
      svg("text", { x: 8, y: 28, fill: "#6b7385" }, `${r.type.replace(/^AWS::/, "")} · ${r.status}`));
  });
  return el("div", { class: "graph" }, svg("svg", { id: "graph", width, height, viewBox: `0 0 ${width} ${height}` }, defs, heads, edges, nodes));
}

function cycleTable(env, cycles, health) {
  const bad = health && health.badCommit, failed = health && health.state === "failed" ? health.commit : null;
  if (!cycles.length) return el("p", { class: "muted" }, "No recorded cycles (a cycle with nothing to do is not recorded).");
  const body = el("tbody", {});
  for (const c of cycles) {
    const counts = c.counts || {};
    const row = el("tr", { class: "cycle-row", "data-cycle": c.cycleId },
      el("td", { class: "mono" }, c.cycleId), el("td", {}, c.trigger),
      el("td", {}, el("code", {}, short(c.commit)), c.commit && (c.commit === bad || c.commit === failed)
        ? el("span", { class: "badge health-failed", "data-bad-commit": c.commit }, "failed its bake") : null),
      el("td", {}, badge("result", c.result)), el("td", {}, c.start),
      el("td", {}, ["created", "updated", "replaced", "deleted", "failed", "drifted"].filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`).join(", ") || "-"),
      el("td", { class: "muted" }, c.error || ""));
    const detail = el("tr", { hidden: "" }, el("td", { colspan: 7 }));
    row.addEventListener("click", async () => {
      if (!detail.hidden) { detail.hidden = true; return; }
      const rec = await api(`environments/${encodeURIComponent(env)}/cycles/${encodeURIComponent(c.cycleId)}`);
      detail.firstChild.replaceChildren(renderPlan(rec.plan));
      detail.hidden = false;
    });
    body.append(row, detail);
  }
  return el("table", { id: "cycles" },
    el("thead", {}, el("tr", {}, ["Cycle", "Trigger", "Commit", "Result", "Started", "Changes", "Error"].map((h) => el("th", {}, h)))), body);
}

const SYMBOL = { create: "+", update: "~", replace: "-/+", delete: "-", release: "-", conflict: "!", transitional: "…", unobserved: "?" };
const VERB = { create: "will be created", update: "will be updated in place", replace: "must be replaced", delete: "will be deleted",
  release: "will be released (left in AWS)", conflict: "is not ours (conflict)", transitional: "is changing in AWS", unobserved: "could not be observed" };

function shown(v) {
  if (v === undefined) return "(absent)";
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
}

// Renders a plan.json (docs/plan-format.md) like `driftless plan` prints it, coloured.
function renderPlan(plan) {
  const pre = el("pre", { class: "plan" });
  const line = (cls, text) => pre.append(el("span", { class: cls }, text), "\n");
  if (!plan || !plan.actions) { line("note", "(no plan recorded)"); return pre; }
  line("note", `driftless plan for environment ${plan.environment} at commit ${short(plan.commit)}`);
  for (const a of plan.actions) {
    if (a.action === "noop") continue;
    line("note", "");
    line("note", `  # ${a.id} (${a.type}) ${VERB[a.action] || a.action}${a.drifted ? " [drift]" : ""}`);
    line(a.action, `${SYMBOL[a.action] || " "} ${a.id}  ${a.physicalId || ""}`);
    for (const ch of a.changes || []) {
      const sym = ch.before === undefined ? "+" : ch.after === undefined ? "-" : "~";
      const before = ch.secret ? "(secret)" : shown(ch.before), after = ch.secret ? "(secret)" : shown(ch.after);
      line(a.action, `      ${sym} ${ch.path}: ${before} → ${after}${ch.cause === "drift" ? " (drift)" : ""}${ch.forcesReplacement ? " (forces replacement)" : ""}`);
    }
    if (a.blockedReason) line("note", `      not applied: ${a.blockedReason}`);
  }
  if (plan.refusal) line("delete", `refused: ${plan.refusal}`);
  const s = plan.summary || {};
  line("note", "");
  line("note", `Plan: ${s.create || 0} to create, ${s.update || 0} to update, ${s.replace || 0} to replace, ${s.delete || 0} to delete; ${s.drifted || 0} drifted.`);
  return pre;
}

function driftTimeline(report) {
  const events = ((report && report.events) || []).slice().reverse();
  const items = events.map((e) =>
    el("li", { "data-drift": e.resource },
      el("span", { class: "muted" }, `${e.timestamp} `), el("code", {}, e.resource), " ",
      e.kind === "missing" ? "went missing" : [el("code", {}, e.path), ": expected ", shown(e.expected), ", live ", shown(e.live)],
      e.corrected ? el("span", { class: "status-in-sync" }, " · corrected") : el("span", { class: "status-drifted" }, " · not corrected"),
      el("span", { class: "muted" }, ` (cycle ${e.cycleId}, commit ${short(e.commit)})`)));
  if (!items.length) return el("p", { class: "muted", id: "drift" }, "No drift in the last 7 days.");
  return el("ul", { class: "timeline", id: "drift" }, items);
}

// --- live updates -------------------------------------------------------------

function liveLog() {
  return [el("h2", {}, "Live events"), document.getElementById("live-events") || el("ul", { id: "live-events" })];
}

function onEvent(name, ev) {
  state.events += 1;
  document.getElementById("event-count").textContent = String(state.events);
  const list = document.getElementById("live-events");
  if (list) {
    const item = el("li", { "data-event": name },
      el("span", { class: "muted" }, `${ev.time || ""} `), `${ev.env || ""} ${name} `, el("code", {}, ev.id || ""),
      ev.result ? ` ${ev.result}` : "");
    list.prepend(item);
    while (list.children.length > 100) list.lastChild.remove();
  }
  // What changes the tables: a finished cycle, a suspension, a resume.
  if (name === "cycle.finished" || name.startsWith("environment.") || name.startsWith("health.") || name.startsWith("rollback."))
    if (!state.route.env || state.route.env === ev.env) refresh();
}

async function follow() {
  const live = document.getElementById("live");
  for (;;) {
    try {
      const res = await fetch("/api/v1/events", { headers: headers() });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      live.className = "live on";
      live.textContent = "live";
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let name = "message", data = "";
          for (const l of block.split("\n")) {
            if (l.startsWith("event: ")) name = l.slice(7);
            else if (l.startsWith("data: ")) data += l.slice(6);
          }
          if (data) onEvent(name, JSON.parse(data));
        }
      }
    } catch (err) {
      // fall through: reconnect
    }
    live.className = "live off";
    live.textContent = "offline";
    await new Promise((r) => setTimeout(r, 2000));
  }
}

// --- routing ------------------------------------------------------------------

function route() {
  const m = location.hash.match(/^#\/env\/([^/]+)/);
  return m ? { env: decodeURIComponent(m[1]) } : { env: null };
}

let pending = null, again = false;
async function refresh() {
  if (pending) { again = true; return pending; }
  pending = (async () => {
    state.route = route();
    const main = document.getElementById("main");
    const crumbs = document.getElementById("crumbs");
    crumbs.replaceChildren(state.route.env ? el("a", { href: "#/" }, "environments") : "environments",
      state.route.env ? ` / ${state.route.env}` : "");
    try {
      if (state.route.env) await renderEnvironment(main, state.route.env);
      else await renderEnvironments(main);
      document.body.dataset.ready = "true";
      stamp();
    } catch (err) {
      main.replaceChildren(el("p", { class: "status-failed" }, err.message));
    }
  })();
  try { await pending; } finally {
    pending = null;
    if (again) { again = false; refresh(); }
  }
}

document.getElementById("login").addEventListener("submit", (ev) => {
  ev.preventDefault();
  state.token = document.getElementById("token").value;
  sessionStorage.setItem("driftless.token", state.token);
  document.getElementById("login").hidden = true;
  refresh();
});
window.addEventListener("hashchange", refresh);
refresh();
follow();
