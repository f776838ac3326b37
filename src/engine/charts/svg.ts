/**
 * Small, dependency-free SVG charts rendered on the server. Every chart has a <title> and <desc>, role="img", and is
 * meant to sit beside a table of the same numbers (and a CSV download). Colours are GOV.UK palette colours, and
 * series also differ by dash pattern and marker so colour is never the only cue.
 */
export interface Point {
  x: number
  y: number | null
}
export interface Series {
  name: string
  points: Point[]
  /** Drawn thicker and first in the legend. */
  highlight?: boolean
}
export interface ChartOptions {
  title: string
  description: string
  xLabel?: string
  yLabel?: string
  width?: number
  height?: number
  /** Formats x tick labels (default: the number). */
  formatX?: (x: number) => string
  yMin?: number
}

export const PALETTE = [
  '#1d70b8',
  '#d4351c',
  '#00703c',
  '#f47738',
  '#4c2c92',
  '#505a5f',
  '#912b88',
  '#28a197',
  '#6f72af',
  '#b58840',
]
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4']

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
}

/** Round, human tick values covering [min, max]. @example niceTicks(0, 97) // [0, 20, 40, 60, 80, 100] */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1]
  if (min === max) max = min + 1
  const raw = (max - min) / target
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  const start = Math.floor(min / step) * step
  const ticks: number[] = []
  for (let v = start; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)))
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toFixed(10)))
  return ticks
}

function fmt(n: number) {
  return Math.abs(n) >= 1000 ? n.toLocaleString('en-GB') : String(Number(n.toFixed(2)))
}

interface Frame {
  w: number
  h: number
  left: number
  right: number
  top: number
  bottom: number
  sx: (x: number) => number
  sy: (y: number) => number
  xTicks: number[]
  yTicks: number[]
}

function frame(xs: number[], ys: number[], o: ChartOptions, discreteX = false): Frame {
  const w = o.width ?? 640
  const h = o.height ?? 320
  const left = 64
  const right = 36
  const top = 16
  const bottom = 48
  const xMin = Math.min(...xs)
  const xMax = Math.max(...xs)
  const yTicks = niceTicks(Math.min(o.yMin ?? 0, ...ys), Math.max(...ys, 1))
  const y0 = yTicks[0]
  const y1 = yTicks[yTicks.length - 1]
  const sx = (x: number) =>
    left + (xMax === xMin ? (w - left - right) / 2 : ((x - xMin) / (xMax - xMin)) * (w - left - right))
  const sy = (y: number) => top + (1 - (y - y0) / (y1 - y0)) * (h - top - bottom)
  const xTicks = discreteX ? [...new Set(xs)].sort((a, b) => a - b) : niceTicks(xMin, xMax)
  return { w, h, left, right, top, bottom, sx, sy, xTicks: xTicks.filter((t) => t >= xMin && t <= xMax), yTicks }
}

function axes(f: Frame, o: ChartOptions): string {
  const fx = o.formatX ?? ((x: number) => String(x))
  const step = Math.ceil(f.xTicks.length / 10)
  const grid = f.yTicks
    .map((t) => `<line x1="${f.left}" x2="${f.w - f.right}" y1="${f.sy(t)}" y2="${f.sy(t)}"/>`)
    .join('')
  const yLabels = f.yTicks
    .map((t) => `<text x="${f.left - 8}" y="${f.sy(t) + 4}" text-anchor="end">${escapeXml(fmt(t))}</text>`)
    .join('')
  const xLabels = f.xTicks
    .filter((_t, i) => i % step === 0)
    .map((t) => `<text x="${f.sx(t)}" y="${f.h - f.bottom + 18}" text-anchor="middle">${escapeXml(fx(t))}</text>`)
    .join('')
  const base = `<line x1="${f.left}" x2="${f.w - f.right}" y1="${f.h - f.bottom}" y2="${f.h - f.bottom}"/>`
  const labels = [
    o.xLabel
      ? `<text x="${(f.left + f.w - f.right) / 2}" y="${f.h - 6}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`
      : '',
    o.yLabel
      ? `<text transform="translate(14 ${(f.top + f.h - f.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>`
      : '',
  ].join('')
  return `<g class="grid" aria-hidden="true">${grid}</g><g class="axis" aria-hidden="true">${base}${yLabels}${xLabels}${labels}</g>`
}

function wrap(o: ChartOptions, f: Frame, body: string, legend: string): string {
  const id = `c${Math.abs(hash(o.title + o.description)).toString(36)}`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="sl-chart" viewBox="0 0 ${f.w} ${f.h + (legend ? 0 : 0)}" width="${f.w}" height="${f.h}" role="img" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeXml(o.title)}</title><desc id="${id}-d">${escapeXml(o.description)}</desc>${body}</svg>${legend}`
  )
}

function hash(s: string) {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
  return h
}

function legendHtml(items: Array<{ name: string; colour: string; dash: string; highlight?: boolean }>): string {
  if (items.length < 2) return ''
  return (
    '<ul class="govuk-list govuk-body-s sl-legend" aria-hidden="true">' +
    items
      .map(
        (s) =>
          `<li><svg width="28" height="10" aria-hidden="true"><line x1="0" x2="28" y1="5" y2="5" stroke="${s.colour}" stroke-width="${s.highlight ? 4 : 2}" stroke-dasharray="${s.dash}"/></svg> ${escapeXml(s.name)}</li>`,
      )
      .join('') +
    '</ul>'
  )
}

/** A line chart of one or more series over numeric x (years). Gaps (null y) break the line. */
export function lineChart(series: Series[], o: ChartOptions): string {
  const pts = series.flatMap((s) => s.points.filter((p) => p.y !== null)) as Array<{ x: number; y: number }>
  if (!pts.length) return `<p class="govuk-body">No published values to chart.</p>`
  const ordered = [...series].sort((a, b) => Number(Boolean(b.highlight)) - Number(Boolean(a.highlight)))
  const f = frame(
    pts.map((p) => p.x),
    pts.map((p) => p.y),
    o,
    true,
  )
  const styled = ordered.map((s, i) => ({ ...s, colour: PALETTE[i % PALETTE.length], dash: DASHES[i % DASHES.length] }))
  const lines = styled
    .slice()
    .reverse()
    .map((s) => {
      let d = ''
      let pen = false
      for (const p of [...s.points].sort((a, b) => a.x - b.x)) {
        if (p.y === null) {
          pen = false
          continue
        }
        d += `${pen ? 'L' : 'M'}${f.sx(p.x).toFixed(1)},${f.sy(p.y).toFixed(1)}`
        pen = true
      }
      const marks = s.points
        .filter((p) => p.y !== null)
        .map(
          (p) =>
            `<circle cx="${f.sx(p.x).toFixed(1)}" cy="${f.sy(p.y!).toFixed(1)}" r="${s.highlight ? 4 : 2.5}" fill="${s.colour}"/>`,
        )
        .join('')
      return `<g><path d="${d}" fill="none" stroke="${s.colour}" stroke-width="${s.highlight ? 4 : 2}" stroke-dasharray="${s.dash}"/>${marks}</g>`
    })
    .join('')
  return wrap(o, f, axes(f, o) + lines, legendHtml(styled))
}

export interface ScatterPoint {
  x: number
  y: number
  label: string
  highlight?: boolean
}

/** A scatter chart (e.g. rate against deprivation), the highlighted point labelled. Optional fitted line y = a + b x. */
export function scatterChart(points: ScatterPoint[], o: ChartOptions & { fit?: (x: number) => number }): string {
  if (!points.length) return `<p class="govuk-body">No values to chart.</p>`
  const xs = points.map((p) => p.x)
  const f = frame(
    xs,
    points.map((p) => p.y),
    { ...o, yMin: Math.min(0, ...points.map((p) => p.y)) },
  )
  const dots = points
    .map((p) =>
      p.highlight
        ? `<circle cx="${f.sx(p.x).toFixed(1)}" cy="${f.sy(p.y).toFixed(1)}" r="7" fill="${PALETTE[1]}" stroke="#0b0c0c"/><text x="${(f.sx(p.x) + 10).toFixed(1)}" y="${(f.sy(p.y) - 8).toFixed(1)}" font-weight="bold">${escapeXml(p.label)}</text>`
        : `<circle cx="${f.sx(p.x).toFixed(1)}" cy="${f.sy(p.y).toFixed(1)}" r="3" fill="${PALETTE[0]}" fill-opacity="0.6"><title>${escapeXml(p.label)}</title></circle>`,
    )
    .join('')
  let fitLine = ''
  if (o.fit) {
    const x0 = Math.min(...xs)
    const x1 = Math.max(...xs)
    const steps = 20
    const d = Array.from({ length: steps + 1 }, (_v, i) => {
      const x = x0 + ((x1 - x0) * i) / steps
      return `${i ? 'L' : 'M'}${f.sx(x).toFixed(1)},${f.sy(o.fit!(x)).toFixed(1)}`
    }).join('')
    fitLine = `<path d="${d}" fill="none" stroke="${PALETTE[5]}" stroke-width="2" stroke-dasharray="6 3"/>`
  }
  return wrap(o, f, axes(f, o) + fitLine + dots, '')
}

export interface Bar {
  label: string
  value: number | null
  highlight?: boolean
}

/** A horizontal bar chart (e.g. a funnel or a ranking). */
export function barChart(bars: Bar[], o: ChartOptions & { labelWidth?: number }): string {
  const w = o.width ?? 640
  const rowH = 26
  const left = o.labelWidth ?? 200
  const right = 60
  const h = 24 + bars.length * rowH
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0))
  const body = bars
    .map((b, i) => {
      const y = 12 + i * rowH
      const bw = b.value === null ? 0 : ((w - left - right) * b.value) / max
      const value = b.value === null ? 'not published' : fmt(b.value)
      return (
        `<text x="${left - 8}" y="${y + 16}" text-anchor="end"${b.highlight ? ' font-weight="bold"' : ''}>${escapeXml(b.label)}</text>` +
        `<rect x="${left}" y="${y + 3}" width="${bw.toFixed(1)}" height="${rowH - 8}" fill="${b.highlight ? PALETTE[1] : PALETTE[0]}"/>` +
        `<text x="${(left + bw + 6).toFixed(1)}" y="${y + 16}">${escapeXml(value)}</text>`
      )
    })
    .join('')
  const id = `c${Math.abs(hash(o.title + o.description)).toString(36)}`
  return `<svg xmlns="http://www.w3.org/2000/svg" class="sl-chart" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${escapeXml(o.title)}</title><desc id="${id}-d">${escapeXml(o.description)}</desc>${body}</svg>`
}
