/**
 * Writes CSV (RFC 4180) for downloads. Cells that a spreadsheet would run as a formula (= + - @ tab CR at the start)
 * are prefixed with an apostrophe, so a downloaded file can never execute anything.
 * @example toCsv([{ a: 1, b: 'x,y' }], ['a', 'b']) // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv<T extends object>(rows: T[], columns: Array<keyof T & string>, headers?: string[]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return ''
    let s = typeof v === 'number' ? (Number.isFinite(v) ? String(Number(v.toFixed(6))) : '') : String(v)
    if (/^[=+\-@\t\r]/.test(s) && !(typeof v === 'number')) s = `'${s}`
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines = [(headers ?? columns).map(cell).join(',')]
  for (const r of rows) lines.push(columns.map((c) => cell((r as Record<string, unknown>)[c])).join(','))
  return lines.join('\r\n') + '\r\n'
}
