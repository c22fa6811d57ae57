// A chart as a stand-alone image (SVG, or PNG at twice its size on screen): a header with its title, filter and date
// range, the chart as drawn on the page, and a footer with the page's URL. The chart is copied from the page rather
// than drawn again, so it looks as it does there: each <svg> inside the card is cloned with its computed styles inlined
// (classes and CSS variables mean nothing outside the page), and anything drawn in HTML (the heat map's table, ranked
// bars, a legend) is traced into SVG shapes and text where the browser laid it out. The colours are the page's, so a
// dark theme exports a dark image: the file shows what the user saw.

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 16;
const SVG_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap',
    'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline',
    'visibility', 'display', 'paint-order'];

/** Builds the image of the chart in `body` and saves it as `meta.fileStem` + .svg or .png, without leaving the page. */
export async function exportChart(body, format, meta) {
    const { svg, width, height } = buildSvg(body, meta);
    if (format === 'svg') {
        save(new Blob([svg], { type: 'image/svg+xml' }), meta.fileStem + '.svg');
        return;
    }
    const image = new Image();
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg); // data: is what the CSP allows for images
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * 2);
    canvas.height = Math.ceil(height * 2);
    const ctx = canvas.getContext('2d');
    ctx.scale(2, 2); // twice the page's pixels: sharp on a slide or a high-density screen
    ctx.drawImage(image, 0, 0, width, height);
    const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
    save(blob, meta.fileStem + '.png');
}

/** The stand-alone SVG text of the chart in `body`, with its header and footer; exported for the tests' eyes only through exportChart. */
function buildSvg(body, meta) {
    const card = body.closest('.chart-card') ?? body;
    const cardStyle = getComputedStyle(card);
    const background = opaque(cardStyle.backgroundColor) ? cardStyle.backgroundColor : '#ffffff';
    const ink = cardStyle.color;
    const muted = mutedInk(card) ?? ink;
    const font = cardStyle.fontFamily;

    const content = trace(body);
    const width = Math.max(360, Math.ceil(content.width) + 2 * PAD);
    const textWidth = width - 2 * PAD;

    const parts = [];
    let y = PAD;
    for (const line of wrap(meta.title, `600 18px ${font}`, textWidth)) {
        parts.push(text(PAD, y + 18, line, { fill: ink, 'font-size': '18px', 'font-weight': '600', 'font-family': font }));
        y += 24;
    }
    for (const lineText of [meta.filter, meta.dateRange].filter(Boolean)) {
        for (const line of wrap(lineText, `13px ${font}`, textWidth)) {
            parts.push(text(PAD, y + 14, line, { fill: muted, 'font-size': '13px', 'font-family': font }));
            y += 18;
        }
    }
    y += 8;
    parts.push(`<g transform="translate(${f(PAD - content.x)},${f(y - content.y)})">${content.markup}</g>`);
    y += content.height + 12;
    for (const line of wrap('Source: ' + meta.source, `11px ${font}`, textWidth)) {
        parts.push(text(PAD, y + 11, line, { fill: muted, 'font-size': '11px', 'font-family': font }));
        y += 15;
    }
    const height = Math.ceil(y + PAD - 4);
    const svg = `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
        `<title>${esc(meta.title)}</title><desc>${esc([meta.filter, meta.dateRange].filter(Boolean).join('. '))}</desc>` +
        `<rect width="100%" height="100%" fill="${esc(background)}"/>${parts.join('')}</svg>`;
    return { svg, width, height };
}

/** Everything visible in `root` as SVG markup, in the root's coordinates, and the box it covers. */
function trace(root) {
    const origin = root.getBoundingClientRect();
    const out = [];
    let minX = 0, minY = 0, maxX = origin.width, maxY = 0;
    const extend = (x, y, w, h) => {
        minX = Math.min(minX, x); minY = Math.min(minY, y);
        maxX = Math.max(maxX, x + w); maxY = Math.max(maxY, y + h);
    };

    const visit = el => {
        const cs = getComputedStyle(el);
        // Hidden things (a chart library's idle tooltip, a closed menu) and controls marked no-export are not picture.
        if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0' || el.classList.contains('no-export'))
            return;
        const r = el.getBoundingClientRect();
        const x = r.left - origin.left, y = r.top - origin.top;
        if (el instanceof SVGSVGElement) {
            if (r.width > 0 && r.height > 0) {
                out.push(copySvg(el, x, y, r.width, r.height));
                extend(x, y, r.width, r.height);
            }
            return;
        }
        if (el !== root && r.width > 0 && r.height > 0 && opaque(cs.backgroundColor)) {
            const radius = parseFloat(cs.borderTopLeftRadius) || 0;
            out.push(`<rect x="${f(x)}" y="${f(y)}" width="${f(r.width)}" height="${f(r.height)}"${radius ? ` rx="${f(Math.min(radius, r.height / 2))}"` : ''} fill="${esc(cs.backgroundColor)}"${alpha(cs.opacity)}/>`);
            extend(x, y, r.width, r.height);
        }
        for (const child of el.childNodes) {
            if (child.nodeType === Node.ELEMENT_NODE)
                visit(child);
            else if (child.nodeType === Node.TEXT_NODE && child.textContent.trim())
                traceText(child, el, cs, origin, out, extend);
        }
    };
    visit(root);
    return { markup: out.join(''), x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** A text node where the browser laid it out: one <text> per line it wraps onto, cut with … where the page cuts it. */
function traceText(node, el, cs, origin, out, extend) {
    // Only the visible characters: a node's leading or trailing space would shift its text off where the page draws it.
    const content = node.textContent;
    const start = content.search(/\S/), end = content.search(/\s*$/);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (rects.length === 0)
        return;
    const style = {
        fill: cs.color, 'font-family': cs.fontFamily, 'font-size': cs.fontSize, 'font-weight': cs.fontWeight,
        'font-style': cs.fontStyle === 'normal' ? null : cs.fontStyle,
    };
    const fontSpec = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const lines = rects.length === 1 ? [[content.replace(/\s+/g, ' ').trim(), rects[0]]] : wordsByLine(node, rects);
    for (const [line, r] of lines) {
        const x = r.left - origin.left, y = r.top - origin.top;
        if (cs.writingMode.startsWith('vertical')) {
            // The heat map's period headings: written bottom to top, so turned a quarter back from the baseline.
            out.push(text(0, 0, line, { ...style, 'dominant-baseline': 'central' },
                `translate(${f(x + r.width / 2)},${f(y + r.height)}) rotate(-90)`));
            extend(x, y, r.width, r.height);
            continue;
        }
        const room = clipWidth(el, r);
        const shown = room === null ? line : fit(line, fontSpec, room);
        out.push(text(x, y + r.height / 2, shown, { ...style, 'dominant-baseline': 'central' }));
        extend(x, y, Math.min(r.width, room ?? r.width), r.height);
    }
}

/** Each line of a wrapped text node with the words on it. */
function wordsByLine(node, rects) {
    const lines = rects.map(r => [[], r]);
    const text = node.textContent;
    const range = document.createRange();
    for (const match of text.matchAll(/\S+/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const box = range.getBoundingClientRect();
        const line = lines.find(([, r]) => box.top >= r.top - 1 && box.top < r.bottom) ?? lines[lines.length - 1];
        line[0].push(match[0]);
    }
    return lines.filter(([words]) => words.length > 0).map(([words, r]) => [words.join(' '), r]);
}

/** The width an ellipsis-cut text may fill (its nearest clipping box's right edge), or null when nothing clips it. */
function clipWidth(el, r) {
    for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.overflowX !== 'visible' && cs.textOverflow === 'ellipsis') {
            const box = e.getBoundingClientRect();
            return Math.max(0, box.right - r.left);
        }
        if (e.classList.contains('chart-body'))
            return null;
    }
    return null;
}

/** An <svg> of the page, cloned with each element's computed presentation inlined, placed at (x, y). */
function copySvg(el, x, y, w, h) {
    const clone = el.cloneNode(true);
    const originals = [el, ...el.querySelectorAll('*')];
    const copies = [clone, ...clone.querySelectorAll('*')];
    originals.forEach((original, i) => {
        const copy = copies[i];
        if (!(original instanceof SVGElement) || original.tagName === 'title')
            return;
        const cs = getComputedStyle(original);
        copy.setAttribute('style', SVG_PROPS.map(p => [p, cs.getPropertyValue(p)]).filter(([, v]) => v).map(([p, v]) => `${p}:${v}`).join(';'));
        copy.removeAttribute('class');
        copy.removeAttribute('tabindex');
    });
    clone.querySelectorAll('title').forEach(t => t.remove()); // tooltips, not picture
    clone.setAttribute('x', f(x));
    clone.setAttribute('y', f(y));
    clone.setAttribute('width', f(w));
    clone.setAttribute('height', f(h));
    if (!clone.hasAttribute('viewBox'))
        clone.setAttribute('viewBox', `0 0 ${f(w)} ${f(h)}`);
    clone.setAttribute('overflow', 'visible');
    return new XMLSerializer().serializeToString(clone);
}

/** The theme's secondary text colour, read from an element the card draws with it, if any. */
function mutedInk(card) {
    const probe = card.querySelector('.mud-text-secondary');
    return probe ? getComputedStyle(probe).color : null;
}

let measure;
function width(content, font) {
    measure ??= document.createElement('canvas').getContext('2d');
    measure.font = font;
    return measure.measureText(content).width;
}

/** The text cut at a word boundary into lines no wider than `max`. */
function wrap(content, font, max) {
    const lines = [];
    let line = '';
    for (const word of String(content ?? '').split(/\s+/).filter(Boolean)) {
        const candidate = line ? line + ' ' + word : word;
        if (line && width(candidate, font) > max) {
            lines.push(line);
            line = word;
        } else {
            line = candidate;
        }
    }
    if (line)
        lines.push(line);
    return lines;
}

/** The text, cut with … to fit `max` pixels. */
function fit(content, font, max) {
    if (width(content, font) <= max)
        return content;
    let n = content.length;
    while (n > 1 && width(content.slice(0, n) + '…', font) > max)
        n--;
    return content.slice(0, n) + '…';
}

function text(x, y, content, style, transform) {
    const css = Object.entries(style).filter(([, v]) => v).map(([k, v]) => `${k}:${v}`).join(';');
    return `<text x="${f(x)}" y="${f(y)}"${transform ? ` transform="${transform}"` : ''} style="${esc(css)}">${esc(content)}</text>`;
}

function save(blob, name) {
    // A link with the download attribute: the browser saves the file and the router leaves the page where it is.
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function opaque(color) {
    return !!color && color !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(color);
}

function alpha(opacity) {
    return opacity && opacity !== '1' ? ` opacity="${opacity}"` : '';
}

function f(v) {
    return (Math.round(v * 10) / 10).toString();
}

function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
