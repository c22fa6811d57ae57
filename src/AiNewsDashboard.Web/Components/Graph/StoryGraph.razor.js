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
const labelFont = "Roboto, Helvetica, Arial, sans-serif";
const labelSize = 12;
/**
 * Links are this wide (CSS pixels) at every zoom: thinner ones break up into faint dashes once anti-aliased. Past a few
 * thousand articles they are thinner, or the map is one grey mass: one-pixel lines, not anti-aliased (see
 * fastDrawingAbove), and this width (plus one) only for the hovered or focused article's links.
 */
function edgeWidthFor(order) {
    return order > fastDrawingAbove ? 1.5 : 3;
}
/**
 * Past this many articles the map is drawn with the cheap shapes: discs as points and links as one-pixel lines, one
 * vertex or two each, rather than sigma's default shapes, which are drawn instanced. Without a GPU (software WebGL,
 * SwiftShader) instancing costs per item, whatever the pixels: a full frame of 10,000 nodes and 20,000 links took about
 * a second with them and about 60 ms with points and lines, on two busy cores. The hovered or focused article's links
 * are still arrows: they are few, and they show who links to whom.
 */
const fastDrawingAbove = 2000;
/** More lanes than this in one story and the rest of its providers share an "others" lane. */
const maxLanes = 15;

/** Draws a new graph into the container, keeping the positions of nodes it drew before. */
export async function render(container, payload, dotnet) {
    const started = performance.now();
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
            t: payload.times[i], cluster: payload.clusters[i], hop: payload.hops[i], provider: payload.providers[i], reference, x: 0, y: 0,
        });
    }
    const edgeWidth = edgeWidthFor(graph.order);
    const e = payload.edges;
    for (let i = 0; i < e.length; i += 2) {
        const s = String(e[i]), t = String(e[i + 1]);
        if (!graph.hasEdge(s, t))
            graph.addEdge(s, t, { size: edgeWidth });
    }
    state.graph = graph;
    state.options = payload.options;
    state.providerNames = payload.providerNames;
    // The ranked stories: each one's headline article, and the caption under its island.
    state.stories = payload.stories ?? [];
    state.headlines = new Map(state.stories.map((s) => [String(s.headline), s]));
    state.islands = payload.islands && state.stories.length > 0;
    state.boxes = [];
    state.reserved = new Map();
    state.unclaimed = true;
    state.fitted = new Map();
    const dark = isDark();
    const big = graph.order > fastDrawingAbove;
    const programs = globalThis.Sigma.rendering ?? globalThis.Sigma.default?.rendering;

    const Renderer = globalThis.Sigma?.Sigma ?? globalThis.Sigma?.default ?? globalThis.Sigma;
    // Sigma draws everything as soon as it is given a graph. It gets an empty one here and the real one once the
    // layout has placed every node and set the frame (applyLayout), so the first drawing is the only full one, not
    // one of all nodes at the origin followed by another in place.
    state.renderer = new Renderer(new graphology.Graph(), container, {
        defaultEdgeColor: edgeColor(dark),
        // Who links to whom: the related list of the article at the blunt end names the one at the arrow.
        // A big map uses the cheap shapes (see fastDrawingAbove); its hovered or focused links still get arrows (reduceEdge).
        defaultEdgeType: big ? "thin" : "arrow",
        edgeProgramClasses: { thin: programs.EdgeLineProgram },
        nodeProgramClasses: { point: programs.NodePointProgram },
        defaultNodeType: big ? "point" : "circle",
        labelColor: { color: dark ? "#e0e0e0" : "#222" },
        labelFont,
        labelSize,
        labelRenderedSizeThreshold: 9,
        labelDensity: 0.7,
        labelGridCellSize: 120,
        defaultDrawNodeLabel: (context, data, settings) => drawLabel(state, context, data, settings),
        zIndex: true,
        // The container can be briefly hidden or zero-sized while the page re-renders; sigma then waits instead of throwing.
        allowInvalidContainer: true,
        // Big graphs stay fluid while dragging or zooming: links and labels come back as soon as the camera stops.
        hideEdgesOnMove: big,
        hideLabelsOnMove: big,
        nodeReducer: (node, data) => reduceNode(state, node, data),
        edgeReducer: (edge, data) => reduceEdge(state, edge, data),
    });
    // Sigma updates its coordinates after "beforeRender", so the labels' places are claimed at the frame's first label.
    state.renderer.on("beforeRender", () => { state.unclaimed = true; });
    state.renderer.on("afterRender", () => {
        if (state.unclaimed) // no label this frame
            state.boxes = [];
        state.unclaimed = false;
        drawTimeAxis(container, state);
    });
    state.renderer.on("clickNode", ({ node }) => state.dotnet.invokeMethodAsync("NodeClicked", Number(node)));
    state.renderer.on("enterNode", ({ node }) => {
        state.hover = node;
        state.hoverNeighbours = new Set(graph.neighbors(node));
        state.hoverEdges = new Set(graph.edges(node));
        refreshOnNextFrame(state);
    });
    state.renderer.on("leaveNode", () => {
        state.hover = null;
        state.hoverNeighbours = state.hoverEdges = null;
        refreshOnNextFrame(state);
    });

    applyLayout(state, true);
    // How long the first drawing took, libraries and layout included (the force layout refines it afterwards).
    container.dataset.drawMs = String(Math.round(performance.now() - started));
    publishState(container, state);
    watchTheme(state);
}

/**
 * Redraws everything through the reducers once, at the next frame: moving from one node to the next leaves one and
 * enters the other, and on a big map each redraw re-reads every node and link (a tenth of a second or more).
 */
function refreshOnNextFrame(state) {
    const renderer = state.renderer;
    state.refreshFrame ??= requestAnimationFrame(() => {
        state.refreshFrame = null;
        if (state.renderer === renderer)
            renderer.refresh();
    });
}

/**
 * Labels never overlap. Before each frame the labels that must be seen claim their place, in this order: the focused
 * and the selected article, then each story's caption (its headline, under its island); whatever sigma's label grid
 * adds afterwards is drawn only where it fits. Every box drawn is kept for tests (labelBoxes).
 */
function reserveLabels(state) {
    const r = state.renderer;
    if (!r || r.getGraph() !== state.graph) { // sigma's first frame, drawn while it is being made
        state.boxes = [];
        state.reserved = new Map();
        return;
    }
    const context = r.getCanvases().labels.getContext("2d");
    state.reserved = new Map();
    state.boxes = [];
    const wanted = [state.options.focus, state.options.selected].filter((id) => id != null).map(String);
    for (const key of wanted) {
        if (!state.graph.hasNode(key) || state.reserved.has(key))
            continue;
        const d = r.getNodeDisplayData(key);
        if (!d || d.hidden)
            continue;
        const p = r.framedGraphToViewport(d);
        const lines = [{ text: state.graph.getNodeAttribute(key, "label") ?? "", bold: true }];
        claim(state, context, key, lines, p.x + r.scaleSize(d.size) + 3, p.y - labelSize / 2 - 2, "left");
    }
    for (const story of state.stories) {
        const key = String(story.headline);
        if (state.reserved.has(key) || !state.graph.hasNode(key))
            continue;
        const anchor = captionAnchor(state, story);
        if (!anchor)
            continue;
        const headline = [story.caption];
        const lines = [...headline.map((text) => ({ text, bold: true, width: anchor.width })), { text: story.meta, bold: false, width: anchor.width, secondary: true }];
        claim(state, context, key, lines, anchor.x, anchor.y, anchor.align);
    }
}

/** Lays out lines of text at (x, y) (top; left, centre or right aligned), cut to their width, if they overlap nothing claimed. */
function claim(state, context, key, lines, x, y, align) {
    const fitted = lines.map((l) => ({ ...l, text: fitCached(state, context, l.text, l.bold, l.width ?? 320) }));
    let width = 0;
    for (const l of fitted) {
        context.font = font(l.bold);
        width = Math.max(width, context.measureText(l.text).width);
    }
    const box = { key, x: align === "center" ? x - width / 2 : align === "right" ? x - width : x, y, w: width, h: fitted.length * (labelSize + 3), text: fitted[0].text, align };
    if (state.boxes.some((b) => overlaps(b, box)))
        return;
    state.boxes.push(box);
    state.reserved.set(key, { box, lines: fitted });
}

function drawLabel(state, context, data) {
    if (state.unclaimed) {
        state.unclaimed = false;
        reserveLabels(state);
    }
    const claimed = state.reserved?.get(data.key);
    if (claimed) {
        drawLines(state, context, claimed.box, claimed.lines);
        return;
    }
    if (!data.label || state.headlines.has(data.key) && state.islands)
        return; // a story's headline is its caption, drawn where the caption claimed
    const text = fitCached(state, context, data.label, false, 260);
    context.font = font(false);
    const box = { key: data.key, x: data.x + data.size + 3, y: data.y - labelSize / 2 - 2, w: context.measureText(text).width, h: labelSize + 3, text };
    if (state.boxes.some((b) => overlaps(b, box)))
        return;
    state.boxes.push(box);
    drawLines(state, context, box, [{ text, bold: false }]);
}

function drawLines(state, context, box, lines) {
    const dark = isDark();
    // A halo in the background colour keeps text readable over links and nodes.
    context.textBaseline = "top";
    context.lineJoin = "round";
    lines.forEach((l, i) => {
        context.font = font(l.bold);
        context.lineWidth = 3;
        context.strokeStyle = dark ? "rgba(30,30,36,0.85)" : "rgba(255,255,255,0.85)";
        const x = box.align === "center" ? box.x + (box.w - context.measureText(l.text).width) / 2
            : box.align === "right" ? box.x + box.w - context.measureText(l.text).width : box.x;
        context.strokeText(l.text, x, box.y + i * (labelSize + 3));
        context.fillStyle = l.secondary ? (dark ? "#b0b0b8" : "#555") : (dark ? "#e8e8e8" : "#222");
        context.fillText(l.text, x, box.y + i * (labelSize + 3));
    });
    context.textBaseline = "alphabetic";
}

function font(bold) {
    return `${bold ? 600 : 400} ${labelSize}px ${labelFont}`;
}

/**
 * fit, remembered for this graph: the same titles are cut on every frame, and cutting one measures it up to a dozen
 * times.
 */
function fitCached(state, context, text, bold, maxWidth) {
    const key = `${bold ? 1 : 0}${maxWidth}|${text}`;
    let fitted = state.fitted.get(key);
    if (fitted === undefined)
        state.fitted.set(key, fitted = fit(context, text, bold, maxWidth));
    return fitted;
}

/** The text, cut with an ellipsis to at most maxWidth pixels. */
function fit(context, text, bold, maxWidth) {
    context.font = font(bold);
    if (context.measureText(text).width <= maxWidth)
        return text;
    let lo = 0, hi = text.length;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (context.measureText(text.slice(0, mid) + "…").width <= maxWidth)
            lo = mid;
        else
            hi = mid - 1;
    }
    return text.slice(0, lo).trimEnd() + "…";
}

function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Where a story's caption goes on screen: centred under its island in the islands layout (as wide as the island's
 * cell), else beside its headline article.
 */
function captionAnchor(state, story) {
    const r = state.renderer;
    const island = state.islandOf?.get(story.cluster);
    if (state.islands && state.options.layout !== "time" && island) {
        const c = r.graphToViewport({ x: island.x, y: island.y });
        const edge = r.graphToViewport({ x: island.x + island.r, y: island.y });
        const cell = r.graphToViewport({ x: island.x + island.halfCell, y: island.y });
        const radius = Math.hypot(edge.x - c.x, edge.y - c.y);
        return { x: c.x, y: c.y + radius + 10, width: Math.max(60, 2 * Math.abs(cell.x - c.x) - 10), align: "center" };
    }
    const d = r.getNodeDisplayData(String(story.headline));
    if (!d || d.hidden)
        return null;
    const p = r.framedGraphToViewport(d);
    const y = p.y - labelSize / 2 - 2, beside = r.scaleSize(d.size) + 3;
    // Right of the article while there is room before the frame's edge; else left of it, ending beside it.
    const room = r.getDimensions().width - (p.x + beside) - 4;
    if (room >= 140)
        return { x: p.x + beside, y, width: Math.min(260, room), align: "left" };
    return { x: p.x - beside, y, width: Math.min(260, Math.max(60, p.x - beside - 4)), align: "right" };
}

/**
 * The time axis along the bottom: ticks suited to the span on screen (minutes, hours, days, months or years), which
 * follow pan and zoom; and in the time layout, each lane's provider at its left. Times are minutes since 1970, as
 * the page sends them.
 */
function drawTimeAxis(container, state) {
    let axis = container.querySelector(".story-graph-axis");
    let lanes = container.querySelector(".story-graph-lanes");
    const range = state.graph.getAttribute("timeRange");
    if (state.options.layout !== "time" || !range || !isFinite(range.min)) {
        axis?.remove();
        lanes?.remove();
        return;
    }
    if (!axis) {
        axis = document.createElement("div");
        axis.className = "story-graph-axis";
        container.appendChild(axis);
    }
    if (!lanes) {
        lanes = document.createElement("div");
        lanes.className = "story-graph-lanes";
        container.appendChild(lanes);
    }
    const r = state.renderer;
    const width = container.clientWidth;
    const toTime = (px) => range.min + (r.viewportToGraph({ x: px, y: 0 }).x / range.width) * range.span;
    const toX = (t) => r.graphToViewport({ x: (range.width * (t - range.min)) / range.span, y: 0 }).x;
    const ticks = timeTicks(toTime(0), toTime(width), Math.max(2, Math.floor(width / 110)));
    axis.replaceChildren(...ticks.filter((t) => { const x = toX(t.t); return x >= 0 && x <= width - 40; }).map((t) => {
        const span = document.createElement("span");
        span.style.left = `${toX(t.t).toFixed(0)}px`;
        span.textContent = t.label;
        return span;
    }));
    axis.dataset.unit = ticks.unit;

    // Lane names, where lanes are tall enough on screen to read them.
    const laneHeight = Math.abs(r.graphToViewport({ x: 0, y: 0 }).y - r.graphToViewport({ x: 0, y: laneGap }).y);
    const names = [];
    if (laneHeight >= 13) {
        for (const lane of state.lanes ?? []) {
            const y = r.graphToViewport({ x: 0, y: lane.y }).y;
            if (y < 0 || y > container.clientHeight - 24)
                continue;
            const span = document.createElement("span");
            span.style.top = `${(y - 8).toFixed(0)}px`;
            span.textContent = lane.name;
            names.push(span);
            if (names.length >= 80)
                break;
        }
    }
    lanes.replaceChildren(...names);
}

const hour = 60, day = 1440;
/** Fixed steps in minutes, then calendar months and years. */
const fixedSteps = [1, 5, 15, 30, hour, 3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day];
const monthSteps = [1, 3, 6];
const yearSteps = [1, 2, 5, 10, 20, 50, 100];
const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Ticks between two times (minutes since 1970): the smallest step that gives at most maxTicks, labelled for its unit. */
export function timeTicks(from, to, maxTicks) {
    const span = Math.max(1, to - from);
    const ticks = [];
    const step = fixedSteps.find((s) => span / s <= maxTicks);
    if (step) {
        const unit = step < hour ? "minutes" : step < day ? "hours" : "days";
        for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
            const d = new Date(t * 60000);
            const date = `${d.getUTCDate()} ${monthNames[d.getUTCMonth()]}`;
            const time = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
            // A day's first tick names the day; the others only the time.
            const label = unit === "days" ? date : (t % day < step || ticks.length === 0 ? `${date} ${time}` : time);
            ticks.push({ t, label });
        }
        ticks.unit = unit;
        return ticks;
    }
    const months = span / (30.44 * day);
    const monthStep = monthSteps.find((s) => months / s <= maxTicks);
    const start = new Date(from * 60000);
    if (monthStep) {
        let y = start.getUTCFullYear(), m = Math.ceil((start.getUTCMonth() + (start.getUTCDate() > 1 || start.getUTCHours() > 0 ? 1 : 0)) / monthStep) * monthStep;
        for (; ; m += monthStep) {
            const t = Date.UTC(y + Math.floor(m / 12), m % 12, 1) / 60000;
            if (t > to)
                break;
            const d = new Date(t * 60000);
            ticks.push({ t, label: d.getUTCMonth() === 0 || ticks.length === 0 ? `${monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}` : monthNames[d.getUTCMonth()] });
        }
        ticks.unit = "months";
        return ticks;
    }
    const years = span / (365.25 * day);
    const yearStep = yearSteps.find((s) => years / s <= maxTicks) ?? Math.ceil(years / maxTicks);
    for (let year = Math.ceil((start.getUTCFullYear() + 1) / yearStep) * yearStep; ; year += yearStep) {
        const t = Date.UTC(year, 0, 1) / 60000;
        if (t > to)
            break;
        ticks.push({ t, label: String(year) });
    }
    ticks.unit = "years";
    return ticks;
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
    state.renderer.setCustomBBox(null);
    if (state.options.layout === "time") {
        timeLayout(state);
        draw(state);
        centreOnFocus(state, !fresh);
        state.settled = true;
        return;
    }
    if (state.islands) {
        islandLayout(state);
        draw(state);
        centreOnFocus(state, !fresh);
        state.settled = true;
        return;
    }
    // Force layout: nodes drawn before keep their place; new ones start next to a placed neighbour, or with their story.
    let unplaced = 0;
    graph.forEachNode((node) => {
        const p = state.positions.get(node);
        if (p)
            place(graph, node, p.x, p.y);
        else
            unplaced++;
    });
    if (unplaced > 0)
        seedPositions(state);
    draw(state);
    if (unplaced === 0 || graph.size === 0) {
        settle(state);
        return;
    }
    // ForceAtlas2 in a worker: the page stays responsive while it settles; it stops after a few seconds. On a big graph
    // it refines a copy, and the drawing moves once, when it stops: redrawing thousands of nodes and links after each
    // step (without a GPU, most of a second each) would freeze the page for the whole run.
    const L = globalThis.GraphologyLayouts;
    const live = graph.order <= 2000;
    const target = live ? graph : positionsCopy(graph);
    const settings = L.forceAtlas2.inferSettings(target);
    settings.barnesHutOptimize = graph.order > 500;
    settings.slowDown = 2;
    state.layout = new L.FA2LayoutSupervisor(target, { settings });
    state.layout.start();
    state.settled = false;
    const duration = Math.min(4000, 1200 + graph.order / 4);
    state.layoutTimer = setTimeout(() => {
        stopLayout(state);
        if (!live)
            target.forEachNode((node, a) => place(graph, node, a.x, a.y));
        state.renderer.refresh();
        settle(state);
    }, duration);
}

/**
 * Draws the graph after its nodes were placed: the first time by handing it to sigma (which then indexes and draws
 * it once), afterwards by a full refresh, which reads every node's place again.
 */
function draw(state) {
    if (state.renderer.getGraph() !== state.graph)
        state.renderer.setGraph(state.graph);
    else
        state.renderer.refresh();
}

/**
 * Sets a node's place without graphology's per-node event: sigma answers each such event with its own partial
 * refresh, 10,000 of them for a big graph, whereas the layouts place every node and then draw once (see draw).
 */
function place(graph, node, x, y) {
    const a = graph.getNodeAttributes(node);
    a.x = x;
    a.y = y;
}

/** The nodes' places and the links, without the rest: what ForceAtlas2 needs to refine a layout off screen. */
function positionsCopy(graph) {
    const copy = new graphology.Graph({ type: "directed", multi: false, allowSelfLoops: false });
    graph.forEachNode((node, a) => copy.addNode(node, { x: a.x, y: a.y, size: a.size }));
    graph.forEachEdge((_, __, s, t) => copy.addEdge(s, t));
    return copy;
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
            place(graph, node, p.x + jitter(node, 1) * 0.3, p.y + jitter(node, 2) * 0.3);
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
            place(graph, node, cx + spread * Math.cos(angle), cy + spread * Math.sin(angle));
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

/** Vertical distance between two lanes, in graph units. */
const laneGap = 10;

/**
 * x = publication time; y = one band per story (best story on top), and inside it one lane per provider, ordered by
 * each provider's first article: the first reporter's lane is the top one, so who was first reads at a glance. A
 * story with more than 15 providers puts the rest on one "others" lane.
 */
function timeLayout(state) {
    const { graph } = state;
    let min = Infinity, max = -Infinity;
    graph.forEachNode((_, a) => { if (a.t != null) { min = Math.min(min, a.t); max = Math.max(max, a.t); } });
    const span = Math.max(1, max - min);
    const bands = new Map();
    graph.forEachNode((node, a) => {
        let band = bands.get(a.cluster);
        if (!band)
            bands.set(a.cluster, band = { cluster: a.cluster, nodes: [], first: new Map() });
        band.nodes.push(node);
        const t = a.t ?? Infinity;
        if (!band.first.has(a.provider) || t < band.first.get(a.provider))
            band.first.set(a.provider, t);
    });
    const rank = new Map(state.stories.map((s, i) => [s.cluster, i]));
    const ordered = [...bands.values()].sort((p, q) =>
        (rank.get(p.cluster) ?? Infinity) - (rank.get(q.cluster) ?? Infinity) || q.nodes.length - p.nodes.length || p.cluster - q.cluster);
    // Each story's providers in the order of their first article, and the names of its lanes (the rest on "others").
    const withLanes = ordered.map((band) => {
        const providers = [...band.first.entries()].sort((p, q) => p[1] - q[1] || p[0] - q[0]).map((p) => p[0]);
        const names = providers.slice(0, maxLanes + 1).map((p, i) =>
            i === maxLanes ? `${providers.length - maxLanes} others` : (state.providerNames[p] ?? "Unknown provider"));
        return { band, providers, names };
    });
    const lanesTotal = withLanes.reduce((total, s) => total + s.names.length + 1, 0);
    // As wide, for the lanes' height, as the container: sigma keeps the aspect ratio when it fits the view, so lanes
    // and time both fill it. The lanes' names are drawn at the left (drawTimeAxis): that share of the width, up to 40%
    // on a phone, stays free of articles, so no name covers one.
    const container = state.renderer.getContainer();
    const aspect = Math.max(0.6, (container.clientWidth || 1000) / (container.clientHeight || 600));
    const frame = Math.max(1, lanesTotal) * laneGap * aspect;
    const nameShare = Math.min(0.4, (widestLaneName(container, withLanes.flatMap((s) => s.names)) + 12) / (container.clientWidth || 1000));
    const width = frame * (1 - nameShare);
    graph.setAttribute("timeRange", { min, max, span, width });
    state.lanes = [];
    let y = 0;
    for (const { band, providers, names } of withLanes) {
        const laneOf = new Map();
        providers.forEach((p, i) => laneOf.set(p, Math.min(i, maxLanes)));
        names.forEach((name, i) => state.lanes.push({ y: -(y + i * laneGap), name }));
        for (const node of band.nodes) {
            const a = graph.getNodeAttributes(node);
            const x = a.t == null ? -60 : (width * (a.t - min)) / span;
            place(graph, node, x, -(y + laneOf.get(a.provider) * laneGap));
        }
        y += (names.length + 1) * laneGap;
    }
    // The frame is the lanes and the time span in the container's shape, so sigma's fit shows all of both.
    let x0 = -laneGap, x1 = width + laneGap, y0 = -y, y1 = laneGap;
    if (graph.someNode((_, a) => a.t == null))
        x0 = -60 - laneGap;
    x0 -= frame * nameShare;
    if ((x1 - x0) / (y1 - y0) > aspect)
        y0 = y1 - (x1 - x0) / aspect;
    else
        x1 = x0 + (y1 - y0) * aspect;
    state.renderer.setCustomBBox({ x: [x0, x1], y: [y0, y1] });
}

let laneMeasure;

/** The widest of the lanes' names in CSS pixels, in their font (app.css, .story-graph-lanes span). */
function widestLaneName(container, names) {
    laneMeasure ??= document.createElement("canvas").getContext("2d");
    laneMeasure.font = `11px ${getComputedStyle(container).fontFamily}`;
    return names.reduce((widest, name) => Math.max(widest, laneMeasure.measureText(name).width), 0);
}

/**
 * The top stories as separate islands on a grid that has the container's shape, best story first (left to right, top
 * to bottom): each island laid out on its own by ForceAtlas2, scaled by its size, with room under it for its caption.
 * Articles of other stories (a focus's neighbours) get islands after them.
 */
function islandLayout(state) {
    const { graph } = state;
    const groups = new Map();
    graph.forEachNode((node, a) => {
        let g = groups.get(a.cluster);
        if (!g)
            groups.set(a.cluster, g = []);
        g.push(node);
    });
    const rank = new Map(state.stories.map((s, i) => [s.cluster, i]));
    const clusters = [...groups.keys()].sort((p, q) =>
        (rank.get(p) ?? Infinity) - (rank.get(q) ?? Infinity) || groups.get(q).length - groups.get(p).length || p - q);
    const container = state.renderer.getContainer();
    const aspect = Math.max(0.6, (container.clientWidth || 1000) / (container.clientHeight || 600));
    const cols = Math.max(1, Math.min(clusters.length, Math.round(Math.sqrt(clusters.length * aspect))));
    const rows = Math.ceil(clusters.length / cols);
    // Cells such that the whole grid has the container's shape: cols × width over rows × height = aspect.
    const cellWidth = 100, cellHeight = (cols * cellWidth) / (rows * aspect);
    const largest = Math.max(...clusters.map((c) => groups.get(c).length));
    // Room under each island for its two-line caption (about 44 px on screen), the rest for the island.
    const unitsPerPixel = (cols * cellWidth) / Math.max(200, (container.clientWidth || 1000) - 60);
    const rMax = Math.max(2, Math.min(cellWidth * 0.4, (cellHeight * 0.95 - 44 * unitsPerPixel) / 2));
    state.islandOf = new Map();
    clusters.forEach((cluster, k) => {
        const members = groups.get(cluster);
        const col = k % cols, row = Math.floor(k / cols);
        const r = rMax * (0.5 + 0.5 * Math.sqrt(members.length / largest));
        const cx = (col + 0.5) * cellWidth;
        // Graph y grows upwards on screen: rows go down, and the island sits in the upper part of its cell.
        const cy = -(row * cellHeight + 0.05 * cellHeight + rMax);
        state.islandOf.set(cluster, { x: cx, y: cy, r, halfCell: cellWidth / 2 });
        const local = islandShape(graph, members);
        for (const node of members) {
            const p = local.get(node);
            place(graph, node, cx + p.x * r, cy + p.y * r);
        }
    });
    // The whole grid is the frame, captions' room included, not just the nodes' extent.
    state.renderer.setCustomBBox({ x: [0, cols * cellWidth], y: [-rows * cellHeight, 0] });
    rememberPositions(state);
}

/** Positions in the unit disc for one story's articles: ForceAtlas2 on the story alone, then scaled to fit. */
function islandShape(graph, members) {
    const out = new Map();
    if (members.length === 1) {
        out.set(members[0], { x: 0, y: 0 });
        return out;
    }
    const sub = new graphology.Graph({ type: "undirected", multi: false });
    members.forEach((node, i) => {
        const angle = (2 * Math.PI * i) / members.length;
        sub.addNode(node, { x: Math.cos(angle) * 10 + jitter(node, 1) * 0.1, y: Math.sin(angle) * 10 + jitter(node, 2) * 0.1, size: graph.getNodeAttribute(node, "size") });
    });
    for (const node of members)
        graph.forEachOutNeighbor(node, (m) => { if (sub.hasNode(m) && !sub.hasEdge(node, m)) sub.addEdge(node, m); });
    const L = globalThis.GraphologyLayouts;
    if (sub.size > 0) {
        const settings = L.forceAtlas2.inferSettings(sub);
        settings.gravity = 1;
        L.forceAtlas2.assign(sub, { iterations: members.length > 400 ? 40 : 120, settings });
    }
    let cx = 0, cy = 0;
    sub.forEachNode((_, a) => { cx += a.x; cy += a.y; });
    cx /= sub.order;
    cy /= sub.order;
    let reach = 1e-9;
    sub.forEachNode((_, a) => { reach = Math.max(reach, Math.hypot(a.x - cx, a.y - cy)); });
    sub.forEachNode((node, a) => out.set(node, { x: (a.x - cx) / reach, y: (a.y - cy) / reach }));
    return out;
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
    const focus = state.options.focus != null ? String(state.options.focus) : null;
    const selected = state.options.selected != null ? String(state.options.selected) : null;
    const islands = state.islands && state.options.layout !== "time";
    // Sigma asks for every node on each full redraw; most need nothing changed, and then no copy is made.
    if (!state.hover && !focus && !islands && node !== selected && !state.headlines.has(node))
        return data;
    const res = { ...data };
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
    if (state.headlines.has(node))
        res.forceLabel = true; // its story's caption
    if (islands)
        res.size = data.size * 0.7; // small islands: smaller discs leave the links between them in sight
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
    if (!state.hover && !(focus && graph.hasNode(focus)))
        return data;
    if (state.hover)
        return state.hoverEdges.has(edge) ? { ...data, size: edgeWidthFor(graph.order) + 1, zIndex: 1, type: "arrow" } : { ...data, hidden: true };
    const [s, t] = graph.extremities(edge);
    if (focus && graph.hasNode(focus)) {
        const inFocus = graph.getNodeAttribute(s, "hop") != null && graph.getNodeAttribute(t, "hop") != null;
        return inFocus ? { ...data, size: edgeWidthFor(graph.order) + 1, zIndex: 1, type: "arrow" } : { ...data, color: dimEdge };
    }
    return data;
}

/** What browser tests and people with dev tools can read: counts and readiness on the container itself. */
function publishState(container, state) {
    container.dataset.nodes = String(state.graph.order);
    container.dataset.edges = String(state.graph.size);
    container.dataset.layout = state.options.layout;
    container.dataset.view = state.islands ? "stories" : "all";
    container.dataset.ready = state.settled ? "true" : "false";
    container.storyGraph = {
        /** Where a node is drawn, in CSS pixels relative to the container (for tests that click nodes). */
        positionOf: (id) => {
            const d = state.renderer.getNodeDisplayData(String(id));
            return d ? state.renderer.framedGraphToViewport(d) : null;
        },
        /** Where each node is drawn and how big (CSS pixels, relative to the container): for tests that read pixels. */
        nodeDiscs: () => state.graph.mapNodes((node) => {
            const d = state.renderer.getNodeDisplayData(node);
            const p = state.renderer.framedGraphToViewport(d);
            return { id: Number(node), cluster: state.graph.getNodeAttribute(node, "cluster"), x: p.x, y: p.y, r: state.renderer.scaleSize(d.size) };
        }),
        /** The links drawn, as [source id, target id]. */
        edges: () => state.graph.mapEdges((_, a, s, t) => [Number(s), Number(t)]),
        /** The label boxes of the last frame (CSS pixels, relative to the container), with the story captions among them. */
        labelBoxes: () => (state.boxes ?? []).map((b) => ({ key: Number(b.key), x: b.x, y: b.y, w: b.w, h: b.h, text: b.text,
            caption: state.headlines.has(b.key) })),
        /** Ticks the time axis would draw between two times (minutes since 1970). */
        timeTicks: (from, to, max) => { const ticks = timeTicks(from, to, max); return { unit: ticks.unit, labels: ticks.map((t) => t.label) }; },
        /**
         * What one frame costs, in ms, each the median of three and waited for until WebGL has drawn it (a pixel read
         * waits for the GPU, or for software WebGL): everything, the nodes alone, the links alone, and a hover's redraw
         * (every node and link read again through the reducers). For the benchmark.
         */
        measureRedraw: () => {
            const r = state.renderer, pixel = new Uint8Array(4);
            const sync = () => ["edges", "nodes"].forEach((k) => { const g = r.webGLContexts[k]; g.readPixels(0, 0, 1, 1, g.RGBA, g.UNSIGNED_BYTE, pixel); });
            const time = (draw) => {
                const ms = [0, 1, 2].map(() => { sync(); const t = performance.now(); draw(); sync(); return performance.now() - t; });
                return ms.sort((p, q) => p - q)[1];
            };
            const { edgePrograms, nodePrograms } = r;
            const all = time(() => r.render());
            r.edgePrograms = {};
            const nodes = time(() => r.render());
            r.edgePrograms = edgePrograms;
            r.nodePrograms = {};
            const links = time(() => r.render());
            r.nodePrograms = nodePrograms;
            const hover = time(() => r.refresh());
            return { all, nodes, links, hover };
        },
    };
}

/** Opaque greys with at least 4.5:1 contrast on the paper behind the graph (white, or MudBlazor's dark surface). */
function edgeColor(dark) {
    return dark ? "#a9a9b4" : "#6e6e6e";
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
