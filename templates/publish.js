// The concept map page: builds vis-network from the embedded data and wires the controls.
// Every string that came from a note is written with textContent; the only HTML inserted
// is the note body rendered by vaultkit (raw HTML disabled, everything escaped).
(function () {
  "use strict";
  const timings = { start: performance.now() }; // milliseconds since navigation, for benchmarks
  window.vaultkitTimings = timings;
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  timings.parsed = performance.now();
  const $ = (id) => document.getElementById(id);
  const STATUS = {
    p: ["proved", "#2e9e44"], c: ["checked", "#a3cf62"], f: ["false", "#d63a3a"],
    e: ["error", "#f0a020"], s: ["skipped", "#9aa5b1"],
  };
  const NO_CLAIMS = "#dfe4ea";
  const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#d4a6c8", "#8cd17d"];
  const OTHER = "#c7ccd3";
  const BACKGROUND = "#ffffff";

  const items = data.nodes;
  const count = items.length;
  const outs = Array.from({ length: count }, () => []);
  const ins = Array.from({ length: count }, () => []);
  data.edges.forEach((edge, i) => {
    edge.id = i;
    outs[edge.from].push(edge.to);
    ins[edge.to].push(edge.from);
  });
  const tagNames = data.tags;

  function isOrphan(i) {
    return items[i].k === "n" && !outs[i].some((j) => j !== i) && !ins[i].some((j) => j !== i);
  }
  function nodeTags(i) { return (items[i].t || []).map((t) => tagNames[t]); }
  function nodeId(i) { return items[i].p || items[i].label; }
  // a title several notes share (in different folders): lists add the path to tell them apart
  const sharedTitles = new Set();
  {
    const seen = new Set();
    for (const item of items) {
      const key = item.label.toLowerCase();
      if (seen.has(key)) sharedTitles.add(key);
      seen.add(key);
    }
  }
  function place(i) {
    if (!sharedTitles.has(items[i].label.toLowerCase())) return null;
    const small = document.createElement("small");
    small.textContent = nodeId(i) + (items[i].k === "n" ? ".md" : "");
    return small;
  }

  // ---------------------------------------------------------------- colours
  let mode = "status";
  let categories = new Map(); // category key → colour
  function category(i) {
    const item = items[i];
    if (item.k !== "n") return null;
    if (mode === "community") return item.c === undefined ? null : item.c;
    if (mode === "folder") return data.folders[item.f];
    if (mode === "tag") return item.t ? tagNames[item.t[0]].split("/")[0] : null;
    return null;
  }
  function computeCategories() {
    categories = new Map();
    if (mode === "status") return;
    const counted = new Map();
    for (let i = 0; i < count; i++) {
      const key = category(i);
      if (key !== null) counted.set(key, (counted.get(key) || 0) + 1);
    }
    [...counted.entries()].sort((a, b) => b[1] - a[1]).slice(0, PALETTE.length)
      .forEach(([key], n) => categories.set(key, PALETTE[n]));
  }
  function look(i) {
    const item = items[i];
    const size = (item.k === "g" ? 6 : 9) + 4 * Math.sqrt(item.b || 0);
    if (item.k === "g") {
      return { id: i, size, color: { background: BACKGROUND, border: "#8a94a3" }, borderWidth: 1.5, shapeProperties: { borderDashes: [3, 3] } };
    }
    const status = item.s ? STATUS[item.s][1] : null;
    let fill;
    let border;
    if (mode === "status") {
      fill = status || NO_CLAIMS;
      border = status ? shade(status) : "#aab3bf";
    } else {
      const key = category(i);
      fill = (key !== null && categories.get(key)) || OTHER;
      border = status || shade(fill);
    }
    return { id: i, size, color: { background: fill, border, highlight: { background: fill, border: "#d9822b" }, hover: { background: fill, border: "#d9822b" } },
      borderWidth: status && mode !== "status" ? 3 : 1.5, shapeProperties: { borderDashes: false } };
  }
  function shade(hex) {
    const n = parseInt(hex.slice(1), 16);
    const f = (v) => Math.max(0, Math.round(v * 0.7)).toString(16).padStart(2, "0");
    return "#" + f(n >> 16) + f((n >> 8) & 255) + f(n & 255);
  }

  // ---------------------------------------------------------------- visibility
  const hidden = new Uint8Array(count);
  let focus = null; // the selected node
  let tagNodes = false;
  function visibleSet() {
    const tag = $("tag-filter").value;
    const noOrphans = $("orphans").checked;
    const ghosts = $("ghosts").checked;
    let local = null;
    const depth = Number($("depth").value);
    if (depth > 0 && focus !== null) local = neighbourhood(focus, depth);
    const show = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const item = items[i];
      let on = true;
      if (item.k === "g" && !ghosts) on = false;
      if (on && tag) on = nodeTags(i).some((t) => t === tag || t.startsWith(tag + "/"));
      if (on && noOrphans && isOrphan(i)) on = false;
      if (on && local) on = local.has(i);
      show[i] = on ? 1 : 0;
    }
    return show;
  }
  function neighbourhood(start, depth) {
    const seen = new Set([start]);
    let frontier = [start];
    for (let d = 0; d < depth; d++) {
      const next = [];
      for (const i of frontier) {
        for (const j of outs[i].concat(ins[i])) if (!seen.has(j)) { seen.add(j); next.push(j); }
      }
      frontier = next;
    }
    return seen;
  }

  // ---------------------------------------------------------------- the network
  computeCategories();
  // a long title is cut on the map (a 200-character file name would run across it); the tooltip,
  // search and panel show it whole
  const LABEL = 60;
  function mapLabel(text) {
    const chars = Array.from(text);
    return chars.length > LABEL ? chars.slice(0, LABEL - 1).join("") + "…" : text;
  }
  const nodes = new vis.DataSet(items.map((item, i) => Object.assign({ id: i, label: mapLabel(item.label), x: item.x, y: item.y }, look(i))));
  const edges = new vis.DataSet(data.edges.map((e) => (e.e ? { id: e.id, from: e.from, to: e.to, dashes: [6, 3] } : { id: e.id, from: e.from, to: e.to })));
  timings.datasets = performance.now();
  const network = new vis.Network($("graph"), { nodes, edges }, data.options);
  timings.network = performance.now();
  let settled = !data.options.physics.enabled;
  let ready = false;
  network.on("stabilizationIterationsDone", () => {
    network.setOptions({ physics: { enabled: false } });
    settled = true;
    network.redraw();
  });
  network.on("afterDrawing", () => {
    if (settled && !ready) {
      ready = true;
      timings.drawn = performance.now();
      document.body.dataset.ready = "1";
      window.vaultkitReady = true;
    }
  });
  if (settled) network.fit({ animation: false });

  function applyVisibility() {
    const show = visibleSet();
    const changes = [];
    let shown = 0;
    for (let i = 0; i < count; i++) {
      shown += show[i];
      const hide = show[i] ? 0 : 1;
      if (hide !== hidden[i]) { hidden[i] = hide; changes.push({ id: i, hidden: !!hide }); }
    }
    if (changes.length) nodes.update(changes);
    if (tagNodes) updateTagNodes();
    $("visible").textContent = shown === count ? "" : `showing ${shown} of ${count} nodes`;
  }
  function restyle() {
    computeCategories();
    nodes.update(items.map((_, i) => look(i)));
    legend();
  }

  // tags as nodes: one diamond per tag a shown note carries, linked from those notes
  function updateTagNodes() {
    const wanted = new Map();
    const links = [];
    for (let i = 0; i < count; i++) {
      if (hidden[i] || !items[i].t) continue;
      for (const t of items[i].t) { wanted.set(t, (wanted.get(t) || 0) + 1); links.push([i, t]); }
    }
    removeTagNodes();
    const at = network.getPositions(links.map(([i]) => i));
    const sum = new Map();
    for (const [i, t] of links) {
      const s = sum.get(t) || [0, 0];
      sum.set(t, [s[0] + at[i].x, s[1] + at[i].y]);
    }
    nodes.add([...wanted.entries()].map(([t, n]) => ({
      id: "tag:" + t, label: mapLabel("#" + tagNames[t]), shape: "diamond", size: 6 + 3 * Math.sqrt(n),
      x: sum.get(t)[0] / n + 20, y: sum.get(t)[1] / n + 20,
      color: { background: "#b58bd8", border: "#7a4fb0" }, borderWidth: 1, kind: "tag",
    })));
    edges.add(links.map(([i, t]) => ({ id: "tag:" + i + ":" + t, from: i, to: "tag:" + t, dashes: [2, 4], color: { color: "#cdb6e6" }, arrows: { to: { enabled: false } } })));
  }
  function removeTagNodes() {
    edges.remove(edges.getIds({ filter: (e) => typeof e.id === "string" }));
    nodes.remove(nodes.getIds({ filter: (n) => typeof n.id === "string" }));
  }

  // ---------------------------------------------------------------- legend
  function swatch(fill, border, dashed) {
    const s = document.createElement("span");
    s.className = "swatch";
    s.style.background = fill;
    s.style.borderColor = border;
    if (dashed) s.style.borderStyle = "dashed";
    return s;
  }
  function entry(parent, fill, border, text, dashed) {
    const row = document.createElement("div");
    row.append(swatch(fill, border, dashed), document.createTextNode(text));
    parent.append(row);
  }
  function heading(parent, text) {
    const h = document.createElement("h4");
    h.textContent = text;
    parent.append(h);
  }
  function legend() {
    const box = $("legend");
    box.replaceChildren();
    const names = { community: "Fill: community", folder: "Fill: top-level folder", tag: "Fill: first tag" };
    if (mode === "status") {
      heading(box, "Fill: verification status");
      for (const key of ["p", "c", "f", "e", "s"]) entry(box, STATUS[key][1], shade(STATUS[key][1]), STATUS[key][0]);
      entry(box, NO_CLAIMS, "#aab3bf", data.checked ? "no claims" : "not checked");
    } else {
      heading(box, names[mode]);
      for (const [key, colour] of categories) {
        const label = mode === "community" ? "community " + (key + 1) : mode === "folder" ? (key ? key + "/" : "(top of the vault)") : "#" + key;
        entry(box, colour, shade(colour), label);
      }
      entry(box, OTHER, shade(OTHER), "other");
      heading(box, "Border: verification status");
      for (const key of ["p", "c", "f", "e", "s"]) entry(box, BACKGROUND, STATUS[key][1], STATUS[key][0]);
    }
    heading(box, "Other");
    entry(box, BACKGROUND, "#8a94a3", "unresolved link (no note yet)", true);
    const size = document.createElement("div");
    size.textContent = "Size: number of backlinks";
    box.append(size);
  }

  // ---------------------------------------------------------------- hover
  let lit = [];
  let litEdges = [];
  network.on("hoverNode", (params) => {
    if (typeof params.node !== "number") return;
    const i = params.node;
    unlight();
    lit = [i, ...outs[i], ...ins[i]];
    litEdges = network.getConnectedEdges(i).filter((e) => typeof e === "number");
    nodes.update(lit.map((j) => ({ id: j, borderWidth: 4, color: { border: "#d9822b" } })));
    edges.update(litEdges.map((e) => ({ id: e, color: { color: "#d9822b" }, width: 2 })));
    document.body.dataset.hovered = String(i);
    const tip = $("tooltip");
    tip.textContent = items[i].label + (items[i].p ? "  —  " + items[i].p : "");
    tip.style.left = params.pointer.DOM.x + 14 + "px";
    tip.style.top = params.pointer.DOM.y + 14 + "px";
    tip.hidden = false;
  });
  network.on("blurNode", () => { unlight(); $("tooltip").hidden = true; delete document.body.dataset.hovered; });
  // vis-network blurs a node on a mouse move over the map only; when the pointer jumps off the map
  // (onto the legend, the header or the panel) it is told the pointer is far from every node
  $("graph").addEventListener("pointerleave", () => {
    const canvas = $("graph").querySelector("canvas");
    if (canvas && document.body.dataset.hovered !== undefined) {
      canvas.dispatchEvent(new MouseEvent("mousemove", { clientX: -1e6, clientY: -1e6 }));
    }
  });
  function unlight() {
    if (lit.length) nodes.update(lit.map((j) => look(j)));
    if (litEdges.length) edges.update(litEdges.map((e) => ({ id: e, color: { color: "#b8bec8" }, width: 0.6 })));
    lit = [];
    litEdges = [];
  }

  // ---------------------------------------------------------------- panel
  let panelData = null;
  async function panels() {
    if (panelData === null) {
      const packed = JSON.parse($("panel-data").textContent);
      const binary = atob(packed);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      panelData = JSON.parse(await new Response(stream).text());
    }
    return panelData;
  }
  function button(text, onClick, cls) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = cls || "linkish";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }
  function meta(dl, term, values) {
    if (!values.length) return;
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.append(...values);
    dl.append(dt, dd);
  }
  let shownPanel = null;
  async function openPanel(i) {
    shownPanel = i;
    const item = items[i];
    $("panel").hidden = false;
    $("panel").dataset.node = String(i);
    $("panel-title").textContent = item.label;
    $("panel-path").textContent = item.k === "g" ? "unresolved link: no note has this name" : nodeId(i) + (item.k === "n" ? ".md" : "");
    $("panel-status").textContent = item.s ? "status: " + STATUS[item.s][0]
      : item.k === "n" ? (data.checked ? "no claims" : "claims not checked") : "";
    const dl = $("panel-meta");
    dl.replaceChildren();
    meta(dl, "aliases", (item.a || []).map((a) => { const s = document.createElement("span"); s.className = "chip"; s.textContent = a; return s; }));
    meta(dl, "tags", nodeTags(i).map((t) => button("#" + t, () => { $("tag-filter").value = t; applyVisibility(); }, "chip")));
    const backs = ins[i].filter((j) => j !== i).sort((a, b) => items[a].label.localeCompare(items[b].label));
    const list = $("panel-backlinks").querySelector("ul");
    list.replaceChildren(...backs.map((j) => {
      const li = document.createElement("li");
      const b = button(items[j].label, () => go(j));
      const where = place(j);
      if (where) b.append(" ", where);
      li.append(b);
      return li;
    }));
    $("panel-backlinks").hidden = !backs.length;
    const body = $("panel-body");
    body.replaceChildren();
    const all = await panels();
    if (shownPanel !== i) return;
    const entry = all[String(i)] || {};
    body.innerHTML = entry.h || ""; // vaultkit's own rendering: raw HTML off, text and attributes escaped
    const rows = (entry.c || []).map(([id, verdict, line, method, message, counter, given]) => {
      const tr = document.createElement("tr");
      const cells = [verdict, id, line ? String(line) : "", [method, message, counter ? "counterexample: " + counter : ""].filter(Boolean).join(" — ")];
      cells.forEach((text, n) => { const td = document.createElement("td"); td.textContent = text; if (n === 0) td.className = "verdict " + verdict; tr.append(td); });
      if (given) { // the givens the verdict relies on, beside it: "given [[Note]]:12"
        const span = document.createElement("span");
        span.className = "given";
        span.textContent = given;
        tr.firstChild.append(" ", span);
      }
      return tr;
    });
    $("panel-claims").querySelector("tbody").replaceChildren(...rows);
    $("panel-claims").hidden = !rows.length;
    $("panel").dataset.loaded = String(i);
  }
  $("panel-body").addEventListener("click", (event) => {
    const link = event.target.closest("a.wikilink[data-node]");
    if (!link) return;
    event.preventDefault();
    go(Number(link.dataset.node));
  });
  $("close").addEventListener("click", () => { $("panel").hidden = true; shownPanel = null; });

  // select a node: focus it, open its panel, and centre the local view on it
  function go(i) {
    if (!(i >= 0 && i < count)) return;
    focus = i;
    if (hidden[i]) {
      $("tag-filter").value = "";
      $("orphans").checked = false;
      if (items[i].k === "g") $("ghosts").checked = true;
    }
    applyVisibility();
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: false });
    openPanel(i);
  }
  network.on("click", (params) => {
    const i = params.nodes.find((n) => typeof n === "number");
    if (i !== undefined) go(i);
  });

  // ---------------------------------------------------------------- search
  const names = items.map((item) => [item.label.toLowerCase(), (item.a || []).map((a) => a.toLowerCase())]);
  function search(text) {
    const q = text.trim().toLowerCase();
    if (!q) return [];
    const found = [];
    for (let i = 0; i < count && found.length < 200; i++) {
      const [title, aliases] = names[i];
      let rank = -1;
      let alias = null;
      if (title === q) rank = 0;
      else if (title.startsWith(q)) rank = 2;
      else if (title.includes(q)) rank = 4;
      const hit = aliases.findIndex((a) => a.includes(q));
      if (hit !== -1) {
        const a = aliases[hit];
        const r = a === q ? 1 : a.startsWith(q) ? 3 : 5;
        if (rank === -1 || r < rank) { rank = r; alias = items[i].a[hit]; }
      }
      if (rank !== -1) found.push([rank + (items[i].k === "n" ? 0 : 6), i, alias]);
    }
    return found.sort((a, b) => a[0] - b[0] || items[a[1]].label.localeCompare(items[b[1]].label)).slice(0, 12);
  }
  const results = $("results");
  $("search").addEventListener("input", () => {
    const found = search($("search").value);
    results.replaceChildren(...found.map(([, i, alias]) => {
      const li = document.createElement("li");
      const b = button(items[i].label, () => { results.hidden = true; go(i); }, "");
      b.dataset.node = String(i);
      if (alias) { const small = document.createElement("small"); small.textContent = "alias: " + alias; b.append(small); }
      const where = place(i);
      if (where) b.append(where);
      li.append(b);
      return li;
    }));
    results.hidden = !found.length;
  });
  $("search").addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      const first = search($("search").value)[0];
      if (first) { results.hidden = true; go(first[1]); }
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });

  // ---------------------------------------------------------------- controls
  const select = $("tag-filter");
  select.append(...tagNames.map((t) => { const o = document.createElement("option"); o.value = t; o.textContent = "#" + t; return o; }));
  select.addEventListener("change", applyVisibility);
  $("orphans").addEventListener("change", applyVisibility);
  $("ghosts").addEventListener("change", applyVisibility);
  $("depth").addEventListener("change", applyVisibility);
  $("colour").addEventListener("change", () => { mode = $("colour").value; restyle(); });
  $("tag-nodes").addEventListener("change", () => {
    tagNodes = $("tag-nodes").checked;
    if (tagNodes) updateTagNodes(); else removeTagNodes();
  });
  legend();
  applyVisibility();

  window.vaultkit = { network, nodes, edges, go, search, items };
})();
