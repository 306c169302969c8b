import Foundation
import Goodhart

/// The explorer page: one HTML document with its script and style inline (no CDN, no other
/// file), so the explorer works offline.
///
/// The page keeps the model as the contract's JSON and sends it, with the CLI's flags, to
/// `POST /api/compare`, `/api/frontier` (`--format svg`: the CLI's own chart) and `/api/regime`;
/// what it shows is what those bodies say. For tests it exposes `window.explorer`: the model,
/// the flags of each panel, the last body of each command, `pending` (the requests in flight),
/// `updates` (the refreshes finished), `isSettled()` (the panels show the current model and
/// flags, and nothing is in flight) and `firstShownMs` (milliseconds from navigation to the
/// first model's panels).
enum ExplorerPage {
  /// The page's bytes.
  static let html = Data(text.utf8)

  /// The model file's family names, as a JavaScript array (the library's list, so the page
  /// offers every family the CLI reads).
  private static let familyNames =
    "[" + Distribution.Family.names.map { "\"\($0)\"" }.joined(separator: ", ") + "]"

  private static let text = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Goodhart explorer</title>
    <style>
      :root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --accent: #2f6db5; --bad: #b3261e; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.45 system-ui, "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f7f9; }
      header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 10px 18px; background: #fff; border-bottom: 1px solid var(--line); }
      header h1 { font-size: 18px; margin: 0 12px 0 0; }
      header label { color: var(--muted); }
      main { display: grid; grid-template-columns: minmax(340px, 460px) 1fr; gap: 16px; padding: 16px; }
      @media (max-width: 980px) { main { grid-template-columns: 1fr; } }
      section.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin-bottom: 16px; }
      h2 { font-size: 15px; margin: 0 0 8px; }
      .sub { border-top: 1px solid var(--line); padding: 8px 0; }
      .sub-head { display: flex; gap: 8px; align-items: center; margin-bottom: 4px; }
      .sub-head input.name { width: 70px; font-weight: bold; }
      .row { display: grid; grid-template-columns: 92px 1fr 64px; gap: 8px; align-items: center; margin: 2px 0; }
      .row label { color: var(--muted); }
      .row output { text-align: right; font-variant-numeric: tabular-nums; }
      .coef { display: flex; gap: 10px; margin: 4px 0; color: var(--muted); }
      .coef input { width: 64px; }
      input[type=range] { width: 100%; }
      textarea { width: 100%; height: 150px; font: 12px/1.35 ui-monospace, "DejaVu Sans Mono", monospace; }
      pre, code { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
      pre#cli-command { white-space: pre-wrap; word-break: break-all; background: #f1f3f6; padding: 8px; border-radius: 6px; max-height: 140px; overflow: auto; }
      table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
      td, th { padding: 3px 6px; border-bottom: 1px solid #eef0f3; text-align: right; }
      td:first-child, th:first-child { text-align: left; }
      th { color: var(--muted); font-weight: normal; }
      tr.gap td { font-weight: bold; }
      .error { color: var(--bad); white-space: pre-wrap; }
      .muted { color: var(--muted); }
      #status { min-height: 1.4em; color: var(--muted); }
      #frontier-chart svg { width: 100%; height: auto; }
      #regime-chart { width: 100%; height: auto; }
      button { cursor: pointer; }
      .results { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
      .results > .wide { grid-column: 1 / -1; }
      @media (max-width: 1300px) { .results { grid-template-columns: 1fr; } }
    </style>
    </head>
    <body>
    <header>
      <h1>Goodhart explorer</h1>
      <label>preset <select id="preset"></select></label>
      <label>reading <select id="composition">
        <option value="sum">sum (weights mix samples)</option>
        <option value="mixture">mixture (one submodule writes each output)</option>
      </select></label>
      <button id="copy-model">Copy model JSON</button>
      <button id="copy-command">Copy CLI command</button>
      <span id="status" role="status"></span>
    </header>
    <main>
      <div>
        <section class="card">
          <h2>Model</h2>
          <div class="muted">Each submodule draws X = location + scale·Z; the output's truth is Σ wᵢ·truthᵢ·Xᵢ and its persuasiveness Σ wᵢ·persuasionᵢ·Xᵢ (sum reading). Only persuasiveness is measured.</div>
          <div id="submodules"></div>
          <button id="add-submodule">Add a submodule</button>
        </section>
        <section class="card">
          <h2>Policies</h2>
          <div class="row"><label for="beta">β (compare)</label><input id="beta" type="range" min="-2" max="1" step="0.05" value="-0.5"><output id="beta-value"></output></div>
          <div class="row"><label for="max-kl">max KL (nats)</label><input id="max-kl" type="range" min="0.5" max="12" step="0.5" value="8"><output id="max-kl-value"></output></div>
          <div class="row"><label for="max-n">max n (regime)</label><input id="max-n" type="range" min="2" max="15" step="1" value="12"><output id="max-n-value"></output></div>
        </section>
        <section class="card">
          <h2>Model JSON</h2>
          <textarea id="model-json" spellcheck="false"></textarea>
          <button id="apply-json">Apply</button> <span id="json-error" class="error"></span>
        </section>
        <section class="card">
          <h2>The same on the command line</h2>
          <pre id="cli-command"></pre>
        </section>
      </div>
      <div class="results">
        <section class="card" id="compare-panel">
          <h2>RL on the weights against filtering, at equal E[P]</h2>
          <div id="compare-error" class="error"></div>
          <table id="compare-table"></table>
        </section>
        <section class="card" id="regime-panel">
          <h2>Best-of-n: truth as n grows</h2>
          <div id="regime-error" class="error"></div>
          <svg id="regime-chart" viewBox="0 0 560 300" role="img" aria-label="E[T] of the best of n against n"></svg>
          <div id="regime-summary"></div>
        </section>
        <section class="card wide" id="frontier-panel">
          <h2>Frontier (the CLI's chart: goodhart frontier --format svg)</h2>
          <div id="frontier-error" class="error"></div>
          <div id="frontier-chart"></div>
        </section>
      </div>
    </main>
    <script>
    "use strict";
    const FAMILIES = \#(familyNames);
    // A family's parameter: [label, model key, slider min, max, step, default].
    const PARAMETERS = {
      student_t: ["dof ν", "dof", 0.5, 60, 0.5, 3], lognormal: ["sigma σ", "sigma", 0.05, 3, 0.05, 0.5],
      pareto: ["alpha α", "alpha", 0.5, 10, 0.1, 3], weibull: ["shape k", "shape", 0.2, 5, 0.1, 1.5] };
    const SKEWED = ["lognormal", "pareto", "gumbel", "weibull", "empirical"];
    // An empirical law's samples until the user pastes theirs: 500 fixed standard normal draws
    // (Box–Muller on a fixed linear congruential sequence).
    function defaultSamples() {
      let state = 12345;
      const uniform = () => { state = (state * 1103515245 + 12345) % 2147483648; return (state + 0.5) / 2147483648; };
      const draws = [];
      while (draws.length < 500) {
        const r = Math.sqrt(-2 * Math.log(uniform())), a = 2 * Math.PI * uniform();
        draws.push(+(r * Math.cos(a)).toFixed(6), +(r * Math.sin(a)).toFixed(6));
      }
      return draws;
    }
    const explorer = window.explorer = { model: null, presets: {}, bodies: {}, pending: 0, updates: 0 };
    const $ = (id) => document.getElementById(id);
    const fmt = (x) => (x === null || x === undefined) ? "–" : (Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : (+x.toPrecision(5)).toString());

    // ---- the model, as the contract's JSON ----
    function law(s) {
      if (s.distribution) return { ...s.distribution };
      return { family: "normal", location: s.mean, scale: s.sd };
    }
    function setLaw(s, l) {
      delete s.mean; delete s.sd; delete s.distribution;
      if (l.family === "normal") { s.mean = l.location; s.sd = l.scale; return; }
      s.distribution = { family: l.family, location: l.location, scale: l.scale };
      const p = PARAMETERS[l.family];
      if (p) s.distribution[p[1]] = l[p[1]] || p[5];
      if (SKEWED.includes(l.family) && l.orientation === "left") s.distribution.orientation = "left";
      if (l.family === "empirical") s.distribution.samples = l.samples || defaultSamples();
    }
    function modelText() { return JSON.stringify(explorer.model); }

    // ---- the editor ----
    function slider(label, min, max, step, value, onInput) {
      const row = document.createElement("div"); row.className = "row";
      const name = document.createElement("label"); name.textContent = label;
      const input = document.createElement("input");
      Object.assign(input, { type: "range", min, max, step, value });
      const out = document.createElement("output"); out.textContent = fmt(+value);
      input.addEventListener("input", () => { out.textContent = fmt(+input.value); onInput(+input.value); });
      row.append(name, input, out);
      return row;
    }
    function renderEditor() {
      const box = $("submodules"); box.replaceChildren();
      const m = explorer.model;
      m.submodules.forEach((s, i) => {
        const l = law(s);
        const div = document.createElement("div"); div.className = "sub"; div.dataset.index = i;
        const head = document.createElement("div"); head.className = "sub-head";
        const name = document.createElement("input"); name.className = "name"; name.value = s.name;
        name.addEventListener("change", () => { s.name = name.value; changed(); });
        const family = document.createElement("select"); family.className = "family";
        FAMILIES.forEach(f => family.add(new Option(f, f, false, f === l.family)));
        family.addEventListener("change", () => { setLaw(s, { ...law(s), family: family.value }); renderEditor(); changed(); });
        const remove = document.createElement("button"); remove.textContent = "remove";
        remove.disabled = m.submodules.length <= 1;
        remove.addEventListener("click", () => {
          m.submodules.splice(i, 1); m.weights.splice(i, 1);
          const rest = m.weights.reduce((a, b) => a + b, 0);
          m.weights = m.weights.map(x => rest > 0 ? x / rest : 1 / m.weights.length);
          normaliseWeights(); renderEditor(); changed();
        });
        head.append(name, family, remove);
        div.append(head);
        const loc = slider("location", -5, 5, 0.05, l.location, v => { setLaw(s, { ...law(s), location: v }); changed(); });
        loc.querySelector("input").id = "location-" + i;
        const scale = slider("scale", 0.05, 5, 0.05, l.scale, v => { setLaw(s, { ...law(s), scale: v }); changed(); });
        scale.querySelector("input").id = "scale-" + i;
        div.append(loc, scale);
        const p = PARAMETERS[l.family];
        if (p) {
          const row = slider(p[0], p[2], p[3], p[4], l[p[1]] || p[5], v => { setLaw(s, { ...law(s), [p[1]]: v }); changed(); });
          row.querySelector("input").id = p[1] + "-" + i;
          div.append(row);
        }
        if (SKEWED.includes(l.family)) {
          const side = document.createElement("select"); side.className = "orientation"; side.id = "orientation-" + i;
          ["right", "left"].forEach(o => side.add(new Option(o, o, false, o === (l.orientation || "right"))));
          side.addEventListener("change", () => { setLaw(s, { ...law(s), orientation: side.value }); changed(); });
          div.append(side);
        }
        if (l.family === "empirical") {
          // Scores pasted here (one per line, or separated by commas or spaces) are the samples;
          // the law gets a fitted tail on each side (analyze reports them).
          const row = document.createElement("div"); row.className = "row";
          const label = document.createElement("label"); label.textContent = "samples (" + l.samples.length + ")";
          const area = document.createElement("textarea"); area.id = "samples-" + i; area.rows = 3;
          area.value = l.samples.join("\n");
          area.addEventListener("change", () => {
            const values = area.value.split(/[\s,]+/).filter(t => t !== "").map(Number);
            setLaw(s, { ...law(s), samples: values }); renderEditor(); changed();
          });
          row.append(label, area); div.append(row);
        }
        const weight = slider("weight", 0, 1, 0.01, m.weights[i], v => { setWeight(i, v); changed(); refreshWeightOutputs(); });
        weight.querySelector("input").id = "weight-" + i;
        div.append(weight);
        const coef = document.createElement("div"); coef.className = "coef";
        for (const key of ["truth", "persuasion"]) {
          const label = document.createElement("label"); label.textContent = key + " ";
          const input = document.createElement("input"); input.type = "number"; input.step = "0.1"; input.value = s[key];
          input.addEventListener("change", () => { const v = parseFloat(input.value); if (Number.isFinite(v)) { s[key] = v; changed(); } });
          label.append(input); coef.append(label);
        }
        div.append(coef);
        box.append(div);
      });
      $("composition").value = m.composition || "sum";
    }
    // Moving one weight rescales the others in proportion, so that all still sum to 1 (as a sweep does).
    function setWeight(i, v) {
      const w = explorer.model.weights;
      const others = w.reduce((a, b, j) => j === i ? a : a + b, 0);
      w.forEach((x, j) => { if (j !== i) w[j] = others > 0 ? x * (1 - v) / others : (1 - v) / (w.length - 1); });
      w[i] = v;
      normaliseWeights();
    }
    function normaliseWeights() {
      const w = explorer.model.weights;
      const rounded = w.map(x => Math.max(0, Math.round(x * 1e12) / 1e12));
      const total = rounded.reduce((a, b) => a + b, 0);
      const last = rounded.length - 1;
      rounded[last] = Math.max(0, 1 - rounded.slice(0, last).reduce((a, b) => a + b, 0));
      explorer.model.weights = total > 0 ? rounded : w.map(() => 1 / w.length);
    }
    function refreshWeightOutputs() {
      explorer.model.weights.forEach((x, i) => {
        const input = $("weight-" + i); if (!input) return;
        input.value = x; input.parentElement.querySelector("output").textContent = fmt(x);
      });
    }

    // ---- the flags each panel sends ----
    function flags() {
      const beta = Math.pow(10, +$("beta").value);
      const betaText = (+beta.toPrecision(4)).toString();
      return {
        compare: ["--beta", betaText, "--format", "json"],
        frontier: ["--format", "svg", "--points", "40", "--max-kl", $("max-kl").value],
        regime: ["--format", "json", "--points", "40", "--max-n", "1e" + $("max-n").value],
      };
    }
    function shellQuote(s) { return "'" + s.replace(/'/g, "'\\''") + "'"; }
    function cliCommands() {
      const f = flags(); const model = shellQuote(modelText());
      return Object.keys(f).map(c => "echo " + model + " | goodhart " + c + " --model - " + f[c].join(" ")).join("\n");
    }

    // ---- talking to the API ----
    async function call(command, args) {
      explorer.pending++;
      try {
        const response = await fetch("/api/" + command, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ model: explorer.model, args }) });
        const text = await response.text();
        return { ok: response.ok, text };
      } catch (e) {
        return { ok: false, text: JSON.stringify({ error: "error: the explorer server is not answering (" + e + ")" }) };
      } finally {
        explorer.pending--;
      }
    }
    let generation = 0, timer = null;
    function changed() {
      $("model-json").value = JSON.stringify(explorer.model, null, 1);
      $("json-error").textContent = "";
      $("cli-command").textContent = cliCommands();
      clearTimeout(timer);
      timer = setTimeout(refresh, 120);
    }
    // What the panels show: the model and flags of the last refresh that finished as the latest.
    const currentKey = () => modelText() + JSON.stringify(flags());
    explorer.isSettled = () => explorer.pending === 0 && explorer.shown === currentKey();
    async function refresh() {
      const mine = ++generation;
      const f = flags();
      const key = currentKey();
      explorer.flags = f;
      $("status").textContent = "computing…";
      const started = performance.now();
      await Promise.all(Object.keys(f).map(async (command) => {
        const result = await call(command, f[command]);
        if (mine !== generation) return;  // a newer model is on its way
        explorer.bodies[command] = result.text;
        const error = $(command + "-error");
        error.textContent = "";
        if (!result.ok) {
          let message = result.text; try { message = JSON.parse(result.text).error; } catch (_) {}
          error.textContent = message;
          clearPanel(command);
          return;
        }
        draw[command](result.text);
      }));
      if (mine === generation) {
        explorer.shown = key;
        explorer.updates++;
        if (explorer.firstShownMs === undefined) explorer.firstShownMs = performance.now();
        $("status").textContent = "updated in " + Math.round(performance.now() - started) + " ms";
      }
    }
    function clearPanel(command) {
      if (command === "compare") $("compare-table").replaceChildren();
      if (command === "frontier") $("frontier-chart").replaceChildren();
      if (command === "regime") { $("regime-chart").replaceChildren(); $("regime-summary").replaceChildren(); }
    }

    // ---- the panels ----
    function cell(tr, value, tag) {
      const td = document.createElement(tag || "td");
      if (typeof value === "number") { td.textContent = fmt(value); td.dataset.value = String(value); }
      else td.textContent = value === null || value === undefined ? "–" : value;
      tr.append(td); return td;
    }
    function row(table, label, values, id, className) {
      const tr = document.createElement("tr"); if (id) tr.id = id; if (className) tr.className = className;
      cell(tr, label); values.forEach(v => cell(tr, v)); table.append(tr);
    }
    const draw = {
      compare(text) {
        const c = JSON.parse(text); const t = $("compare-table"); t.replaceChildren();
        const head = document.createElement("tr"); ["", "E[T]", "E[P]", "KL (nats)"].forEach(h => cell(head, h, "th")); t.append(head);
        row(t, "base model", [c.base.mean_truth, c.base.mean_persuasion, 0], "row-base");
        const rm = c.reward_maximiser;
        row(t, "RL, no penalty: all weight on " + rm.submodule, [rm.mean_truth, rm.mean_persuasion, null], "row-rl");
        if (c.conditioning) row(t, "conditioning on P", [c.conditioning.mean_truth, c.conditioning.persuasion, null], "row-conditioning");
        if (c.best_of_n) row(t, "best-of-n, n = " + fmt(c.best_of_n.n), [c.best_of_n.mean_truth, c.best_of_n.mean_persuasion, c.best_of_n.kl], "row-best-of-n");
        if (c.threshold) row(t, "threshold τ = " + fmt(c.threshold.tau), [c.threshold.mean_truth, c.threshold.mean_persuasion, c.threshold.kl], "row-threshold");
        if (c.tilt) row(t, "ideal tilt", [c.tilt.mean_truth, c.tilt.mean_persuasion, c.tilt.kl], "row-tilt");
        row(t, "Goodhart gap (filtering − RL)", [c.goodhart_gap, null, null], "row-gap", "gap");
        (c.penalised || []).forEach((p, k) => {
          row(t, "RL with " + c.regulariser + ", β = " + fmt(p.beta) + " (" + (p.certificate || "") + ")", [p.mean_truth, p.mean_persuasion, p.kl], "row-penalised-" + k);
          if (p.tilt) row(t, "  tilt at the same E[P]", [p.tilt.mean_truth, p.tilt.mean_persuasion, p.tilt.kl], "row-penalised-tilt-" + k);
        });
      },
      frontier(text) {
        $("frontier-chart").innerHTML = text.replace(/^<\?xml[^>]*>\s*/, "");
      },
      regime(text) {
        const r = JSON.parse(text); drawRegime(r);
        const s = $("regime-summary"); s.replaceChildren();
        const t = document.createElement("table");
        row(t, "verdict on the curve", [r.verdict.replace(/_/g, " ")], "row-verdict");
        row(t, "n → ∞ (theorem)", [r.asymptote.replace(/_/g, " ") + (r.limit_mean_truth === null ? "" : ", E[T] → " + fmt(r.limit_mean_truth))], "row-asymptote");
        row(t, "peak n*", [r.peak ? fmt(r.peak.n) + " (E[T] = " + fmt(r.peak.mean_truth) + ")" : "none"], "row-peak");
        row(t, "best quantilizer", [r.best_quantilizer ? "q = " + fmt(r.best_quantilizer.q) + " (E[T] = " + fmt(r.best_quantilizer.mean_truth) + ")" : "none"], "row-quantilizer");
        s.append(t);
        const why = document.createElement("div"); why.className = "muted"; why.textContent = r.asymptote_reason; s.append(why);
      },
    };
    function drawRegime(r) {
      const svg = $("regime-chart"); svg.replaceChildren();
      const ns = "http://www.w3.org/2000/svg";
      const W = 560, H = 300, L = 56, R = 14, T = 12, B = 40;
      const xs = r.curve.map(p => Math.log10(p.n)), ys = r.curve.map(p => p.mean_truth).concat([r.base_mean_truth]);
      if (r.limit_mean_truth !== null) ys.push(r.limit_mean_truth);
      const x0 = Math.min(...xs), x1 = Math.max(...xs);
      let y0 = Math.min(...ys), y1 = Math.max(...ys); if (y1 - y0 < 1e-9) { y0 -= 0.5; y1 += 0.5; }
      const pad = 0.06 * (y1 - y0); y0 -= pad; y1 += pad;
      const X = x => L + (x - x0) / (x1 - x0 || 1) * (W - L - R), Y = y => T + (y1 - y) / (y1 - y0) * (H - T - B);
      const add = (tag, attrs, text) => { const e = document.createElementNS(ns, tag); for (const k in attrs) e.setAttribute(k, attrs[k]); if (text !== undefined) e.textContent = text; svg.append(e); return e; };
      add("rect", { x: L, y: T, width: W - L - R, height: H - T - B, fill: "#fbfcfd", stroke: "#d9dde5" });
      for (let k = Math.ceil(x0); k <= Math.floor(x1); k += Math.max(1, Math.round((x1 - x0) / 6))) {
        add("line", { x1: X(k), x2: X(k), y1: T, y2: H - B, stroke: "#eef0f3" });
        add("text", { x: X(k), y: H - B + 16, "font-size": 11, "text-anchor": "middle", fill: "#5b6475" }, "1e" + k);
      }
      for (let k = 0; k <= 4; k++) {
        const y = y0 + (y1 - y0) * k / 4;
        add("text", { x: L - 6, y: Y(y) + 4, "font-size": 11, "text-anchor": "end", fill: "#5b6475" }, fmt(y));
      }
      add("text", { x: (L + W - R) / 2, y: H - 6, "font-size": 12, "text-anchor": "middle", fill: "#1d2330" }, "n (best of n by P)");
      add("text", { x: 14, y: (T + H - B) / 2, "font-size": 12, "text-anchor": "middle", fill: "#1d2330", transform: "rotate(-90 14 " + (T + H - B) / 2 + ")" }, "E[T]");
      add("line", { x1: L, x2: W - R, y1: Y(r.base_mean_truth), y2: Y(r.base_mean_truth), stroke: "#999", "stroke-dasharray": "4 4" });
      if (r.limit_mean_truth !== null) add("line", { x1: L, x2: W - R, y1: Y(r.limit_mean_truth), y2: Y(r.limit_mean_truth), stroke: "#b3261e", "stroke-dasharray": "2 3" });
      add("polyline", { points: r.curve.map(p => X(Math.log10(p.n)) + "," + Y(p.mean_truth)).join(" "), fill: "none", stroke: "#2f6db5", "stroke-width": 2.2, id: "regime-curve" });
      if (r.peak) add("circle", { cx: X(Math.log10(r.peak.n)), cy: Y(r.peak.mean_truth), r: 4, fill: "#b3261e" });
    }

    // ---- wiring ----
    function loadModel(model) { explorer.model = JSON.parse(JSON.stringify(model)); renderEditor(); changed(); }
    // The first model is computed at once; later edits wait for the sliders to pause (changed()).
    function loadFirstModel(model) { loadModel(model); clearTimeout(timer); refresh(); }
    function copy(text) {
      if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
      const area = document.createElement("textarea"); area.value = text; document.body.append(area); area.select();
      document.execCommand("copy"); area.remove(); return Promise.resolve();
    }
    function flash(button, text) { const old = button.textContent; button.textContent = text; setTimeout(() => button.textContent = old, 1200); }
    $("copy-model").addEventListener("click", e => copy(JSON.stringify(explorer.model, null, 2)).then(() => flash(e.target, "copied")));
    $("copy-command").addEventListener("click", e => copy(cliCommands()).then(() => flash(e.target, "copied")));
    $("preset").addEventListener("change", () => loadModel(explorer.presets[$("preset").value]));
    $("composition").addEventListener("change", () => { explorer.model.composition = $("composition").value; changed(); });
    $("add-submodule").addEventListener("click", () => {
      const m = explorer.model; let k = m.submodules.length + 1; while (m.submodules.some(s => s.name === "S" + k)) k++;
      m.submodules.push({ name: "S" + k, mean: 1, sd: 1, truth: 0, persuasion: 1 });
      m.weights.push(0);
      setWeight(m.weights.length - 1, 1 / m.submodules.length);
      renderEditor(); changed();
    });
    $("apply-json").addEventListener("click", () => {
      try { loadModel(JSON.parse($("model-json").value)); }
      catch (e) { $("json-error").textContent = "error: model JSON: " + e.message; }
    });
    for (const [id, show] of [["beta", v => fmt(Math.pow(10, v))], ["max-kl", v => fmt(v)], ["max-n", v => "1e" + v]]) {
      const input = $(id), out = $(id + "-value");
      out.textContent = show(+input.value);
      input.addEventListener("input", () => { out.textContent = show(+input.value); changed(); });
    }
    fetch("/api/presets").then(r => r.json()).then(presets => {
      explorer.presets = presets;
      for (const name of Object.keys(presets)) $("preset").add(new Option(name, name, false, name === "cheap-persuasion"));
      loadFirstModel(presets["cheap-persuasion"]);
    }).catch(e => { $("status").textContent = "cannot load the presets: " + e; });
    </script>
    </body>
    </html>
    """#
}
