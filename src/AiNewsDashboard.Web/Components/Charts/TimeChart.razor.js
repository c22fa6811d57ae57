// The time charts: Apache ECharts (vendored in wwwroot/lib/echarts, SVG renderer) drawing the option TimeChartModel
// builds in C#. This module adds what JSON cannot carry: the theme's colours (and a redraw when the theme changes), the
// value formatters, dragging to select a range, clicks, and the keyboard. One instance per element, kept across
// re-renders: a new option replaces the old one with setOption.

const library = "lib/echarts/echarts.min.js";
let loading;

function loadLibrary() {
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = library;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`could not load ${library}`));
        document.head.appendChild(script);
    });
    return loading;
}

const charts = new Set();
let themeWatch;

/** The theme's colours, from MudBlazor's CSS variables (they follow the app's light/dark switch). */
function colours() {
    const style = getComputedStyle(document.documentElement);
    const dark = document.documentElement.dataset.theme === "dark";
    const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    return {
        dark,
        surface: v("--mud-palette-surface", dark ? "#373740" : "#ffffff"),
        text: v("--mud-palette-text-primary", dark ? "rgba(255,255,255,0.87)" : "rgba(0,0,0,0.87)"),
        text2: v("--mud-palette-text-secondary", dark ? "rgba(255,255,255,0.6)" : "rgba(0,0,0,0.6)"),
        lines: v("--mud-palette-lines-default", dark ? "rgba(255,255,255,0.12)" : "rgba(0,0,0,0.12)"),
        primary: v("--mud-palette-primary", dark ? "#7ab3ef" : "#1f4e79"),
    };
}

function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function formatValue(v, meta) {
    let text;
    if (meta.format === "percent") text = (v * 100).toFixed(v > 0 && v < 0.1 ? 1 : 0) + "%";
    else if (meta.format === "count") text = Math.round(v).toLocaleString("en-US");
    else text = String(Math.round(v * 10) / 10);
    return text + (meta.suffix ?? "");
}

/** Draws (or redraws) the option into the element; the same ECharts instance serves every later call. */
export async function draw(element, json, dotnet, announce) {
    // The page may have moved on while the call travelled or the library loaded: nothing to draw into then.
    if (!element) return;
    await loadLibrary();
    if (!element.isConnected) return;
    const option = JSON.parse(json);
    let state = element._timeChart;
    if (!state) {
        const chart = echarts.init(element, null, { renderer: "svg" });
        state = element._timeChart = { chart, element, index: -1 };
        listen(state);
        charts.add(state);
        state.resize = new ResizeObserver(() => chart.resize());
        state.resize.observe(element);
        watchTheme();
    }
    state.option = option;
    state.dotnet = dotnet;
    state.announce = announce;
    apply(state);
}

function apply(state) {
    const o = structuredClone(state.option);
    const meta = o.meta;
    delete o.meta;
    state.meta = meta;
    const c = colours();
    o.backgroundColor = c.surface;
    o.textStyle = { color: c.text, fontFamily: "Roboto, Helvetica, Arial, sans-serif" };
    o.xAxis.axisLine = { lineStyle: { color: c.text2 } };
    o.xAxis.axisLabel = { color: c.text2, hideOverlap: true };
    o.yAxis.axisLabel = { color: c.text2, formatter: (v) => formatValue(v, meta) };
    o.yAxis.splitLine = { lineStyle: { color: c.lines } };
    o.legend.textStyle = { color: c.text };
    if (o.tooltip.show !== false) {
        o.tooltip.backgroundColor = c.surface;
        o.tooltip.borderColor = c.lines;
        o.tooltip.textStyle = { color: c.text };
        o.tooltip.formatter = (params) => {
            const list = Array.isArray(params) ? params : [params];
            const i = list[0]?.dataIndex;
            return i === undefined ? "" : escapeHtml(meta.descriptions[i] ?? "");
        };
    }
    for (const s of o.series) {
        if (meta.single) s.itemStyle = { color: c.primary };
        if (s.markPoint) s.markPoint.label.color = c.text;
        if (meta.overview && s.markArea) s.markArea.itemStyle.borderColor = c.primary;
    }
    state.chart.setOption(o, { notMerge: true });
    // Drawn now, not on the next frame: the marks below then say what is on screen.
    state.chart.getZr().flush();
    state.element.dataset.seriesTypes = state.chart.getOption().series.map((s) => s.type).join(",");
    state.element.dataset.drawn = String(o.xAxis.data.length);
    state.element.dataset.theme = c.dark ? "dark" : "light";
}

/** The theme switch marks <html data-theme>; MudBlazor's variables change in the same render, so redraw just after. */
function watchTheme() {
    if (themeWatch) return;
    themeWatch = new MutationObserver(() => requestAnimationFrame(() => setTimeout(() => charts.forEach(apply), 30)));
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "style", "class"] });
}

/** The period under a pixel of the element, or -1 outside the plot. */
function indexAt(state, x, y) {
    const chart = state.chart;
    if (!chart.containPixel("grid", [x, y])) return -1;
    const i = chart.convertFromPixel({ xAxisIndex: 0 }, x);
    const n = state.option.xAxis.data.length;
    return Math.max(0, Math.min(n - 1, Math.round(Array.isArray(i) ? i[0] : i)));
}

function listen(state) {
    const el = state.element;
    const chart = state.chart;
    const band = el.parentElement.querySelector(".time-chart-brush");
    let drag = null;
    let hit = null;

    chart.on("click", (p) => {
        if (p.componentType === "markLine" || p.componentType === "markArea") {
            state.markerClicked = true;
            const url = p.data?.url;
            if (url && /^https?:\/\//i.test(url)) window.open(url, "_blank", "noopener,noreferrer");
        } else if (p.componentType === "series") {
            hit = p.seriesIndex;
        }
    });

    const local = (e) => {
        const r = el.getBoundingClientRect();
        return [e.clientX - r.left, e.clientY - r.top];
    };
    el.addEventListener("pointerdown", (e) => {
        if (e.button !== 0) return;
        const [x, y] = local(e);
        if (indexAt(state, x, y) < 0) return;
        drag = { x0: x, y, x, moved: false, pointer: e.pointerId };
    });
    el.addEventListener("pointermove", (e) => {
        if (!drag) return;
        const [x] = local(e);
        drag.x = x;
        if (!drag.moved && Math.abs(x - drag.x0) > 6) {
            drag.moved = true;
            try { el.setPointerCapture(drag.pointer); } catch { /* released already */ }
        }
        if (drag.moved && band) {
            const grid = chart.getModel().getComponent("grid").coordinateSystem.getRect();
            const a = Math.max(grid.x, Math.min(drag.x0, x)), b = Math.min(grid.x + grid.width, Math.max(drag.x0, x));
            Object.assign(band.style, { display: "block", left: `${a}px`, width: `${Math.max(1, b - a)}px`, top: `${grid.y}px`, height: `${grid.height}px` });
        }
    });
    const end = (e, cancelled) => {
        if (!drag) return;
        const d = drag;
        drag = null;
        if (band) band.style.display = "none";
        if (!d.moved || cancelled) return;
        state.dragged = true;
        const grid = chart.getModel().getComponent("grid").coordinateSystem.getRect();
        const clamp = (x) => Math.max(grid.x + 1, Math.min(grid.x + grid.width - 1, x));
        const a = indexAt(state, clamp(Math.min(d.x0, d.x)), d.y);
        const b = indexAt(state, clamp(Math.max(d.x0, d.x)), d.y);
        if (a >= 0 && b >= 0) state.dotnet.invokeMethodAsync("Brushed", !!state.meta.overview, a, b);
    };
    el.addEventListener("pointerup", (e) => end(e, false));
    el.addEventListener("pointercancel", (e) => end(e, true));

    // A click that was not the end of a drag (nor on a marker) picks the period under it.
    el.addEventListener("click", (e) => {
        const series = hit;
        hit = null;
        if (state.dragged || state.markerClicked) {
            state.dragged = state.markerClicked = false;
            return;
        }
        const [x, y] = local(e);
        const i = indexAt(state, x, y);
        if (i < 0) return;
        if (state.meta.overview) state.dotnet.invokeMethodAsync("Brushed", true, i, i);
        else state.dotnet.invokeMethodAsync("BucketClicked", i, series);
    });

    // Keyboard: the arrows move through the periods (the tooltip shows, the live region reads), Enter picks.
    el.addEventListener("keydown", (e) => {
        if (state.meta.overview) return;
        const n = state.option.xAxis.data.length;
        if (n === 0) return;
        let i = state.index;
        switch (e.key) {
            case "ArrowRight": case "ArrowDown": i = i < 0 ? 0 : Math.min(n - 1, i + 1); break;
            case "ArrowLeft": case "ArrowUp": i = i < 0 ? n - 1 : Math.max(0, i - 1); break;
            case "Home": i = 0; break;
            case "End": i = n - 1; break;
            case "Enter": case " ":
                e.preventDefault();
                if (i >= 0) state.dotnet.invokeMethodAsync("BucketClicked", i, null);
                return;
            default: return;
        }
        e.preventDefault();
        state.index = i;
        el.dataset.index = String(i);
        chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: i });
        if (state.announce) state.announce.textContent = state.meta.descriptions[i] ?? "";
    });
    el.addEventListener("blur", () => chart.dispatchAction({ type: "hideTip" }));
}

/** The viewport position of a period's centre, halfway up the plot (browser tests click and drag through it). */
export function bucketCenter(element, index) {
    const chart = element._timeChart?.chart;
    if (!chart) return null;
    const x = chart.convertToPixel({ xAxisIndex: 0 }, index);
    const grid = chart.getModel().getComponent("grid").coordinateSystem.getRect();
    const r = element.getBoundingClientRect();
    return { x: r.left + x, y: r.top + grid.y + grid.height * 0.75 };
}

export function dispose(element) {
    const state = element?._timeChart;
    if (!state) return;
    state.resize.disconnect();
    state.chart.dispose();
    charts.delete(state);
    delete element._timeChart;
}
