import fs from 'node:fs/promises'
import { defineReturnFormat, UnreadableFileError } from '../format.ts'
import { OPENAPI, validateChildren, type ApiChild } from './schema.ts'
import { caseworkRecords } from './toCasework.ts'

const VERSION: string = OPENAPI.info.version

/**
 * DfE CSC API request bodies saved as files (what a sender would POST, as the simulator writes them: a JSON list of
 * children). The same schema check and mapping as the endpoint (src/server/routes/api/children_social_care_data);
 * a child the schema refuses is reported, by its index, and left out; a purge only means something to the API.
 */
export const dfeApiFile = defineReturnFormat({
  id: 'dfeApi',
  title: 'DfE CSC API request body (JSON)',
  versions: [VERSION],
  mergeBy: { worker: (row) => row.workerId },
  detect(file) {
    const head = new TextDecoder().decode(file.head.subarray(0, 4096)).replace(/^\uFEFF/, '')
    if (!/^\s*\[/.test(head) || !/"la_child_id"\s*:/.test(head)) return null
    return { version: VERSION, description: `DfE CSC API request body (schema ${VERSION})` }
  },
  async *read(file, _detected, ctx) {
    let body: unknown
    try {
      body = JSON.parse((await fs.readFile(file.path, 'utf8')).replace(/^\uFEFF/, ''))
    } catch {
      throw new UnreadableFileError('is not valid JSON: check that the file is a whole API request body')
    }
    if (!Array.isArray(body)) throw new UnreadableFileError('is not a list of children, as an API request body is')
    const refused = new Set<number>()
    for (const p of validateChildren(body)) {
      const index = typeof p.path[0] === 'number' ? p.path[0] : undefined
      if (index === undefined) continue
      refused.add(index)
      const column = p.path.slice(1).join('.')
      ctx.issue({
        severity: 'error',
        source: file.fileName,
        row: index + 1,
        column,
        message: `Child [${index}]: ${column} ${p.message}`,
      })
    }
    for (const [i, child] of (body as ApiChild[]).entries()) {
      if (refused.has(i)) continue
      if (child.purge === true) {
        const message = `Child [${i}]: a purge is an instruction to the API; in a file it is ignored`
        ctx.issue({ severity: 'warning', source: file.fileName, row: i + 1, column: 'purge', message })
        continue
      }
      const { records, workers } = caseworkRecords(child)
      yield [...records, ...workers.map((workerId) => ({ entity: 'worker' as const, row: { workerId } }))]
    }
  },
})
