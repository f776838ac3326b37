// Builds src/engine/returns/annexA/spec.json from the Annex A specs (Annex_A_schema.yml and annex-a-merge.yml,
// data-to-insight / Social Finance, MIT): per list, each column's Ofsted heading, type, header patterns and value
// variants. Run: node scripts/casework/build-annexa-spec.mjs [specDir]
import fs from 'node:fs'
import path from 'node:path'
import yaml from 'js-yaml'

const dir = process.argv[2] ?? '/work/shared/data/specs'
const schema = yaml.load(fs.readFileSync(path.join(dir, 'Annex_A_schema.yml'), 'utf8')).column_map
const merge = yaml.load(fs.readFileSync(path.join(dir, 'annex-a-merge.yml'), 'utf8')).datasources

const typeOf = (spec) =>
  spec.date
    ? 'date'
    : spec.numeric
      ? 'int'
      : spec.category
        ? 'category'
        : spec.string === 'postcode'
          ? 'postcode'
          : 'text'

const lists = Object.entries(schema).map(([key, cols]) => {
  const list = Number(key.replace('list_', ''))
  const mergeCols = merge[`List ${list}`] ?? {}
  return {
    list,
    columns: Object.entries(cols).map(([heading, spec]) => {
      const patterns = [...(spec.header_regex ?? []), ...(mergeCols[heading]?.regex ?? [])].map((r) =>
        String(r).replace(/\s+/g, ' '),
      )
      const column = { heading, type: typeOf(spec), blank: spec.canbeblank !== false }
      if (patterns.length) column.patterns = [...new Set(patterns)]
      if (spec.category)
        column.values = spec.category.map((c) => ({
          code: String(c.code).trim(),
          names: [c.name ?? []].flat().map(String),
        }))
      return column
    }),
  }
})
const out = 'src/engine/returns/annexA/spec.json'
fs.writeFileSync(out, JSON.stringify({ lists }) + '\n')
console.log(`wrote ${out}: ${lists.length} lists, ${fs.statSync(out).size} bytes`)
