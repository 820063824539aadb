// Plain SVG charts (no library, no inline style: CSP-clean): a line chart of a day minute by minute, and a sparkline.
const NS = 'http://www.w3.org/2000/svg';
const MINUTE = 60_000;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Per-minute values over the last `hours` from the API's sparse minutes (absent minutes are 0, or a gap if `gaps`). */
export function perMinute(minutes, hours, value, { gaps = false } = {}) {
  const end = Math.floor(Date.now() / MINUTE) * MINUTE;
  const start = end - hours * 60 * MINUTE;
  const series = new Array(hours * 60 + 1).fill(gaps ? null : 0);
  for (const m of minutes) {
    const i = Math.round((Date.parse(m.t) - start) / MINUTE);
    if (i >= 0 && i < series.length) series[i] = value(m);
  }
  return series;
}

const niceMax = (v) => {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((k) => k * p).find((k) => k >= v);
};

/** The path of one series; null values break the line. */
function path(values, x, y) {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || v === undefined) return void (pen = false);
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    // a lone minute (neighbours without data) is drawn as a dot: a zero-length stroke with round caps
    if (!pen && (values[i + 1] === null || values[i + 1] === undefined)) d += 'h0.01';
    pen = true;
  });
  return d;
}

/**
 * A line chart: `series` = [{name, values, cls}], one value per minute; `unit` for the axis; `hours` for the x labels.
 * Its total is kept in data-total, so tests (and curious operators) see whether it drew real data.
 */
export function lineChart({ title, series, unit, hours, testid }) {
  const W = 560,
    H = 150,
    L = 44,
    R = 8,
    T = 10,
    B = 22;
  const all = series.flatMap((sr) => sr.values.filter((v) => v !== null));
  const max = niceMax(Math.max(0, ...all));
  const n = Math.max(1, (series[0]?.values.length ?? 1) - 1);
  const x = (i) => L + ((W - L - R) * i) / n;
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const total = all.reduce((a, b) => a + b, 0);
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      class: 'chart',
      role: 'img',
      'aria-label': `${title}: peak ${Math.max(0, ...all)} ${unit}`,
      'data-testid': testid,
      'data-total': total,
    },
    s('title', {}, title),
    s('line', { x1: L, x2: W - R, y1: y(0), y2: y(0), class: 'axis' }),
    s('line', { x1: L, x2: W - R, y1: y(max), y2: y(max), class: 'grid' }),
    s('text', { x: L - 4, y: y(max) + 4, class: 'tick', 'text-anchor': 'end' }, `${max}`),
    s('text', { x: L - 4, y: y(0) + 4, class: 'tick', 'text-anchor': 'end' }, '0'),
    s('text', { x: L, y: H - 6, class: 'tick' }, `−${hours} h`),
    s('text', { x: (L + W - R) / 2, y: H - 6, class: 'tick', 'text-anchor': 'middle' }, `−${hours / 2} h`),
    s('text', { x: W - R, y: H - 6, class: 'tick', 'text-anchor': 'end' }, 'now'),
    ...series.map((sr) =>
      s('path', { d: path(sr.values, x, y), class: `line ${sr.cls ?? ''}` }, s('title', {}, sr.name)),
    ),
  );
  const legend = series.length > 1 ? document.createElement('p') : null;
  if (legend) {
    legend.className = 'legend';
    for (const sr of series)
      legend.append(
        Object.assign(document.createElement('span'), { className: `key ${sr.cls ?? ''}`, textContent: sr.name }),
      );
  }
  const figure = document.createElement('figure');
  figure.className = 'chart-box';
  const caption = Object.assign(document.createElement('figcaption'), { textContent: `${title} (${unit})` });
  figure.append(caption, svg);
  if (legend) figure.append(legend);
  return figure;
}

/** A small trend line for a table cell; all zeros draws a flat line. */
export function sparkline(values, label) {
  const W = 120,
    H = 24;
  const max = Math.max(1, ...values);
  const x = (i) => (W * i) / Math.max(1, values.length - 1);
  const y = (v) => H - 2 - ((H - 4) * v) / max;
  const total = values.reduce((a, b) => a + b, 0);
  return s(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      class: 'sparkline',
      role: 'img',
      'aria-label': label,
      'data-testid': 'sparkline',
      'data-total': total,
    },
    s('title', {}, label),
    s('path', { d: path(values, x, y), class: 'line' }),
  );
}
