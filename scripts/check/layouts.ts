/**
 * Inventory of the report layouts in a folder of Ofsted PDFs, made independently of the reader: the text comes from
 * poppler's pdftotext, and each report is classed by its title block and the list headings it prints. Prints the count
 * per layout family and per variant (which list headings, whether it reviews the LSCB), so the reader's README can say
 * how many reports each family module must read.
 * Usage: node --import tsx scripts/check/layouts.ts DIR
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const dir = process.argv[2]
if (!dir || !fs.existsSync(dir)) {
  console.error('Usage: node --import tsx scripts/check/layouts.ts DIR (a folder of Ofsted report PDFs)')
  process.exit(2)
}

function text(file: string): string | null {
  try {
    return execFileSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  } catch {
    return null
  }
}

const has = (t: string, re: RegExp) => re.test(t)

function family(title: string, t: string): string {
  if (/Monitoring visit (to|of)/i.test(title)) return 'monitoring visit letter'
  if (/Focused visit (to|of)/i.test(title)) return 'focused visit letter'
  if (/children.s home|Unique reference number/i.test(title)) return 'not an LA report (setting)'
  if (/Inspection of safeguarding and looked after children/i.test(title))
    return 'pre-2013 safeguarding and looked after'
  if (/Inspection of looked after children services/i.test(title)) return 'pre-2013 looked after children'
  if (/Re-?inspection of services for children in need/i.test(title)) return 'SIF re-inspection'
  if (/services for children in need of help and protection/i.test(title)) return 'SIF'
  if (/^(\S+ ){0,5}Review of the effectiveness of the Local Safeguarding/i.test(title)) return 'SIF LSCB review (alone)'
  if (/children.s (social care )?services/i.test(title) && /Judgement\s+Grade/i.test(t)) {
    const m = /Inspection dates?: ([^\n]+)/i.exec(t)
    const days = m ? /(\d{1,2})\D+?(\d{1,2}) [A-Z][a-z]+ \d{4}/.exec(m[1]) : null
    const span = days ? (Number(days[2]) - Number(days[1]) + 31) % 31 : 10
    return span <= 6 ? 'ILACS short' : 'ILACS standard'
  }
  return 'unrecognised'
}

function variant(fam: string, t: string): string {
  const parts: string[] = []
  if (fam.startsWith('SIF')) {
    if (has(t, /^Priority (and immediate )?actions?$/m)) parts.push('priority+areas lists')
    else if (has(t, /^Recommendations$/m)) parts.push('one Recommendations list')
    if (has(t, /Review of the effectiveness of the (Local Safeguarding Children Board|LSCB)/)) parts.push('LSCB review')
  } else if (fam.startsWith('ILACS')) {
    parts.push(has(t, /What needs to improve/) ? 'What needs to improve' : 'no improve heading')
    parts.push(
      has(t, /care leavers\s+(Outstanding|Good|Requires|Inadequate)/)
        ? 'care leavers graded apart'
        : 'in care + leavers together',
    )
  } else if (fam.startsWith('pre-2013')) {
    parts.push(has(t, /Record of main findings/) ? 'record of main findings' : 'no findings table')
  }
  return parts.join(', ')
}

const files = fs
  .readdirSync(dir)
  .filter((f) => f.toLowerCase().endsWith('.pdf'))
  .sort()
const families = new Map<string, number>()
const variants = new Map<string, number>()
for (const file of files) {
  const full = path.join(dir, file)
  const head = fs.readFileSync(full).subarray(0, 5).toString('latin1')
  const t = head === '%PDF-' ? text(full) : null
  const fam =
    t === null
      ? 'not a readable PDF'
      : t.trim().length < 20
        ? 'no text layer'
        : family(t.split('\n').slice(0, 14).join(' ').replace(/\s+/g, ' '), t)
  families.set(fam, (families.get(fam) ?? 0) + 1)
  const v = t ? `${fam}: ${variant(fam, t.replace(/[ \t]+/g, ' ').replace(/ ?\n(?=[a-z])/g, ' '))}` : fam
  variants.set(v, (variants.get(v) ?? 0) + 1)
  if (fam === 'unrecognised') console.log(`  unrecognised: ${file}`)
}
console.log(`${files.length} PDFs in ${dir}`)
for (const [f, n] of [...families].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(4)}  ${f}`)
console.log('variants:')
for (const [v, n] of [...variants].sort()) console.log(`${String(n).padStart(4)}  ${v}`)
