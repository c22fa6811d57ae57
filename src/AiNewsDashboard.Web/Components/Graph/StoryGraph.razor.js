// The story map: sigma.js (WebGL) drawing a graphology graph, laid out by ForceAtlas2 in a web worker or by time.
// Titles are drawn on the canvas as text, never as HTML. The libraries are vendored in wwwroot/lib and loaded on
// first use, so other pages never pay for them.

const libraries = ["lib/graphology/graphology.umd.min.js", "lib/sigma/sigma.min.js", "lib/graphology-layouts/graphology-layouts.min.js"];
let loading;

function loadScript(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(script);
    });
}

function loadLibraries() {
    // In order: the layouts and sigma expect graphology to be there.
    loading ??= libraries.reduce((p, src) => p.then(() => loadScript(src)), Promise.resolve());
    return loading;
}

const dimNode = "rgba(150,150,150,0.35)";
const dimEdge = "rgba(150,150,150,0.12)";

/** Draws a new graph into the container, keeping the positions of nodes it drew before. */
export async function render(container, payload, dotnet) {
    await loadLibraries();
    const state = container._storyGraph ??= { positions: new Map(), dotnet };
    state.dotnet = dotnet;
    stopLayout(state);
    state.renderer?.kill();

    const graph = new graphology.Graph({ type: "directed", multi: false, allowSelfLoops: false });
    const references = new Set(payload.references);
    for (let i = 0; i < payload.ids.length; i++) {
        const color = payload.palette[payload.colors[i]];
        const reference = references.has(i);
        graph.addNode(String(payload.ids[i]), {
            label: payload.labels[i], size: payload.sizes[i], color: reference ? withAlpha(color, 0.45) : color,
            t: payload.times[i], cluster: payload.clusters[i], hop: payload.hops[i], reference, x: 0, y: 0,
        });
    }
    const e = payload.edges;
    for (let i = 0; i < e.length; i += 2) {
        const s = String(e[i]), t = String(e[i + 1]);
        if (!graph.hasEdge(s, t))
            graph.addEdge(s, t, { size: 0.6 });
    }
    state.graph = graph;
    state.options = payload.options;
    const dark = isDark();

    const Renderer = globalThis.Sigma?.Sigma ?? globalThis.Sigma?.default ?? globalThis.Sigma;
    state.renderer = new Renderer(graph, container, {
        defaultEdgeColor: edgeColor(dark),
        labelColor: { color: dark ? "#e0e0e0" : "#222" },
        labelFont: "Roboto, Helvetica, Arial, sans-serif",
        labelSize: 12,
        labelRenderedSizeThreshold: 9,
        zIndex: true,
        // The container can be briefly hidden or zero-sized while the page re-renders; sigma then waits instead of throwing.
        allowInvalidContainer: true,
        // Big graphs stay fluid while dragging or zooming: links and labels come back as soon as the camera stops.
        hideEdgesOnMove: graph.order > 2000,
        hideLabelsOnMove: graph.order > 2000,
        nodeReducer: (node, data) => reduceNode(state, node, data),
        edgeReducer: (edge, data) => reduceEdge(state, edge, data),
    });
    state.renderer.on("afterRender", () => drawTimeAxis(container, state));
    state.renderer.on("clickNode", ({ node }) => state.dotnet.invokeMethodAsync("NodeClicked", Number(node)));
    state.renderer.on("enterNode", ({ node }) => { state.hover = node; state.hoverNeighbours = new Set(graph.neighbors(node)); state.renderer.refresh({ skipIndexation: true }); });
    state.renderer.on("leaveNode", () => { state.hover = null; state.hoverNeighbours = null; state.renderer.refresh({ skipIndexation: true }); });

    applyLayout(state, true);
    publishState(container, state);
    watchTheme(state);
}

/**
 * Year marks along the bottom in the time layout, placed where each 1 January falls on screen (they follow pan and
 * zoom). Times are minutes since 1970, as the page sends them.
 */
function drawTimeAxis(container, state) {
    let axis = container.querySelector(".story-graph-axis");
    const range = state.graph.getAttribute("timeRange");
    if (state.options.layout !== "time" || !range || !isFinite(range.min)) {
        axis?.remove();
        return;
    }
    if (!axis) {
        axis = document.createElement("div");
        axis.className = "story-graph-axis";
        container.appendChild(axis);
    }
    const first = new Date(range.min * 60000).getUTCFullYear();
    const last = new Date(range.max * 60000).getUTCFullYear() + 1;
    const span = Math.max(1, range.max - range.min);
    const step = Math.max(1, Math.ceil((last - first) / 12));
    const marks = [];
    for (let year = first; year <= last; year += step) {
        const t = Date.UTC(year, 0, 1) / 60000;
        const x = state.renderer.graphToViewport({ x: (1000 * (t - range.min)) / span, y: 0 }).x;
        if (x >= 0 && x <= container.clientWidth - 30)
            marks.push(`<span style="left:${x.toFixed(0)}px">${year}</span>`);
    }
    axis.innerHTML = marks.join("");
}

/** The layout's theme marker says whether dark mode is on (see MainLayout). */
function isDark() {
    return document.getElementById("circuit-state")?.dataset.dark === "true";
}

function applyTheme(state) {
    const dark = isDark();
    state.renderer.setSetting("labelColor", { color: dark ? "#e0e0e0" : "#222" });
    state.renderer.setSetting("defaultEdgeColor", edgeColor(dark));
}

function watchTheme(state) {
    const marker = document.getElementById("circuit-state");
    if (!marker || state.themeObserver)
        return;
    state.themeObserver = new MutationObserver(() => state.renderer && applyTheme(state));
    state.themeObserver.observe(marker, { attributes: true, attributeFilter: ["data-dark"] });
}

/** Changes layout, focus, selection or theme without rebuilding the graph. */
export async function setOptions(container, options) {
    const state = container._storyGraph;
    if (!state?.renderer)
        return;
    const layoutChanged = options.layout !== state.options.layout;
    state.options = options;
    if (layoutChanged)
        applyLayout(state, false);
    else {
        state.renderer.refresh();
        centreOnFocus(state);
    }
    publishState(container, state);
}

export function dispose(container) {
    const state = container._storyGraph;
    if (!state)
        return;
    stopLayout(state);
    state.themeObserver?.disconnect();
    state.renderer?.kill();
    container._storyGraph = null;
}

function applyLayout(state, fresh) {
    const { graph } = state;
    stopLayout(state);
    if (state.options.layout === "time") {
        timeLayout(graph);
        state.renderer.refresh();
        centreOnFocus(state, !fresh);
        state.settled = true;
        return;
    }
    // Force layout: nodes drawn before keep their place; new ones start next to a placed neighbour, or with their story.
    let unplaced = 0;
    graph.forEachNode((node) => {
        const p = state.positions.get(node);
        if (p)
            graph.mergeNodeAttributes(node, p);
        else
            unplaced++;
    });
    if (unplaced > 0)
        seedPositions(state);
    state.renderer.refresh();
    if (unplaced === 0 || graph.size === 0) {
        settle(state);
        return;
    }
    // ForceAtlas2 in a worker: the page stays responsive while it settles; it stops after a few seconds.
    const L = globalThis.GraphologyLayouts;
    const settings = L.forceAtlas2.inferSettings(graph);
    settings.barnesHutOptimize = graph.order > 500;
    settings.slowDown = 2;
    state.layout = new L.FA2LayoutSupervisor(graph, { settings });
    state.layout.start();
    state.settled = false;
    const duration = Math.min(4000, 1200 + graph.order / 4);
    state.layoutTimer = setTimeout(() => {
        stopLayout(state);
        state.renderer.refresh();
        settle(state);
    }, duration);
}

/** The force layout is done: keep the places for the next drawing, centre, and say so on the container. */
function settle(state) {
    rememberPositions(state);
    state.settled = true;
    centreOnFocus(state, true);
    publishState(state.renderer.getContainer(), state);
}

/**
 * Starting places for nodes never drawn before: next to a neighbour that was, or else with the rest of their story,
 * stories laid out on a spiral, largest in the middle. ForceAtlas2 then only has to refine, so it settles in seconds
 * and stories come out as separate islands.
 */
function seedPositions(state) {
    const { graph, positions } = state;
    const stories = new Map();
    graph.forEachNode((node, a) => {
        if (positions.has(node))
            return;
        const placed = graph.neighbors(node).find((m) => positions.has(m));
        if (placed) {
            const p = positions.get(placed);
            graph.mergeNodeAttributes(node, { x: p.x + jitter(node, 1) * 0.3, y: p.y + jitter(node, 2) * 0.3 });
            return;
        }
        let members = stories.get(a.cluster);
        if (!members)
            stories.set(a.cluster, members = []);
        members.push(node);
    });
    const ordered = [...stories.values()].sort((p, q) => q.length - p.length);
    const golden = Math.PI * (3 - Math.sqrt(5));
    ordered.forEach((members, k) => {
        const r = 14 * Math.sqrt(k + 0.5);
        const cx = r * Math.cos(k * golden), cy = r * Math.sin(k * golden);
        const spread = 2 + 1.5 * Math.sqrt(members.length);
        members.forEach((node, i) => {
            const angle = (2 * Math.PI * i) / members.length;
            graph.mergeNodeAttributes(node, { x: cx + spread * Math.cos(angle), y: cy + spread * Math.sin(angle) });
        });
    });
}

function stopLayout(state) {
    clearTimeout(state.layoutTimer);
    if (state.layout) {
        state.layout.kill();
        state.layout = null;
    }
}

function rememberPositions(state) {
    state.graph.forEachNode((node, a) => state.positions.set(node, { x: a.x, y: a.y }));
}

/** x = publication time; y = one lane per story, so a story reads as a line of articles from left to right. */
function timeLayout(graph) {
    let min = Infinity, max = -Infinity;
    graph.forEachNode((_, a) => { if (a.t != null) { min = Math.min(min, a.t); max = Math.max(max, a.t); } });
    const span = Math.max(1, max - min);
    graph.setAttribute("timeRange", { min, max });
    const stories = new Set();
    graph.forEachNode((_, a) => stories.add(a.cluster));
    const laneCount = Math.max(1, stories.size);
    graph.forEachNode((node, a) => {
        const x = a.t == null ? -60 : (1000 * (a.t - min)) / span;
        // Lanes are shuffled by a hash so big stories don't all stack at the top.
        const y = 600 * (hash(a.cluster) % laneCount) / laneCount + jitter(node, 3) * 0.4;
        graph.mergeNodeAttributes(node, { x, y });
    });
}

function centreOnFocus(state, animate = true) {
    const focus = state.options.focus != null ? String(state.options.focus) : null;
    const camera = state.renderer.getCamera();
    if (focus && state.graph.hasNode(focus)) {
        const d = state.renderer.getNodeDisplayData(focus);
        if (!d)
            return;
        // Centred on the focus, zoomed so its whole neighbourhood fits (with a margin) but never closer than a story.
        let reach = 0;
        state.graph.forEachNode((node, a) => {
            if (a.hop == null)
                return;
            const n = state.renderer.getNodeDisplayData(node);
            if (n)
                reach = Math.max(reach, Math.abs(n.x - d.x), Math.abs(n.y - d.y));
        });
        const ratio = Math.min(1, Math.max(0.08, reach * 2.6));
        camera.animate({ x: d.x, y: d.y, ratio }, { duration: animate ? 500 : 0 });
    } else if (animate) {
        camera.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });
    }
}

function reduceNode(state, node, data) {
    const res = { ...data };
    const focus = state.options.focus != null ? String(state.options.focus) : null;
    const selected = state.options.selected != null ? String(state.options.selected) : null;
    if (state.hover) {
        if (node !== state.hover && !state.hoverNeighbours.has(node)) {
            res.color = dimNode;
            res.label = "";
            res.zIndex = 0;
        } else {
            res.zIndex = 2;
            res.forceLabel = node === state.hover;
        }
    } else if (focus && state.graph.hasNode(focus)) {
        if (data.hop == null) {
            res.color = dimNode;
            res.label = "";
            res.zIndex = 0;
        } else {
            res.zIndex = 2;
            res.forceLabel = data.hop === 0;
        }
    }
    if (node === focus || node === selected) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 3;
    }
    return res;
}

function reduceEdge(state, edge, data) {
    const graph = state.graph;
    const focus = state.options.focus != null ? String(state.options.focus) : null;
    const [s, t] = graph.extremities(edge);
    if (state.hover)
        return s === state.hover || t === state.hover ? { ...data, size: 1.2, zIndex: 1 } : { ...data, hidden: true };
    if (focus && graph.hasNode(focus)) {
        const inFocus = graph.getNodeAttribute(s, "hop") != null && graph.getNodeAttribute(t, "hop") != null;
        return inFocus ? { ...data, size: 1, zIndex: 1 } : { ...data, color: dimEdge };
    }
    return data;
}

/** What browser tests and people with dev tools can read: counts and readiness on the container itself. */
function publishState(container, state) {
    container.dataset.nodes = String(state.graph.order);
    container.dataset.edges = String(state.graph.size);
    container.dataset.layout = state.options.layout;
    container.dataset.ready = state.settled ? "true" : "false";
    container.storyGraph = {
        /** Where a node is drawn, in CSS pixels relative to the container (for tests that click nodes). */
        positionOf: (id) => {
            const d = state.renderer.getNodeDisplayData(String(id));
            return d ? state.renderer.framedGraphToViewport(d) : null;
        },
        /** Mean time in ms between frames while the camera pans (what dragging costs): a promise. */
        measurePanFrameTime: (durationMs = 3000) => new Promise((resolve) => {
            // The camera glides as it does after a drag or a zoom; frames drawn in that time give the frame time.
            const camera = state.renderer.getCamera();
            let frames = 0;
            const count = () => frames++;
            state.renderer.on("afterRender", count);
            const start = performance.now();
            const to = camera.getState();
            camera.animate({ x: to.x + 0.15, y: to.y + 0.05 }, { duration: durationMs }, () => {
                state.renderer.off("afterRender", count);
                resolve((performance.now() - start) / Math.max(1, frames));
            });
        }),
        /** Mean time in ms to redraw everything (data changed: sigma re-indexes), over `frames` synchronous redraws. */
        measureFrameTime: (frames = 60) => {
            const start = performance.now();
            for (let i = 0; i < frames; i++)
                state.renderer.refresh();
            return (performance.now() - start) / frames;
        },
    };
}

function edgeColor(dark) {
    return dark ? "rgba(200,200,200,0.25)" : "rgba(90,90,90,0.22)";
}

function withAlpha(hex, alpha) {
    const v = parseInt(hex.slice(1), 16);
    return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`;
}

function hash(value) {
    let h = 2166136261;
    const s = String(value);
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 16777619);
    }
    return h >>> 0;
}

/** A small, stable offset per node, so placements are the same on every visit. */
function jitter(node, salt) {
    return ((hash(node + ":" + salt) % 2000) / 1000 - 1) * 10;
}
