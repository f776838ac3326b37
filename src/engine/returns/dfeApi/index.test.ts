import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'
import { ingestUpload } from '../../casework/ingest.ts'
import { openCaseworkStore } from '../../casework/store.ts'
import { loadPublicFigures } from '../../simulate/calibration.ts'
import { memoryOutput } from '../../simulate/output.ts'
import { parseProfiles } from '../../simulate/profiles.ts'
import { simulate } from '../../simulate/run.ts'
import { detectReturn } from '../registry.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')

test("the simulator's API bodies, as files, ingest into a snapshot with one child row per child in the JSON", async () => {
  const pf = loadPublicFigures((f) => fs.readFileSync(path.join(root, 'data', 'public', f), 'utf8'))
  const out = memoryOutput()
  const o = { las: ['330'], asAt: '2014-03-31', years: 1, seed: '5', scale: 0.02, formats: ['dfe-api-json' as const] }
  await simulate({ ...o, profiles: parseProfiles('birmingham-2014') }, pf, out)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfe-api-files-'))
  try {
    const files = [...out.files.entries()]
      .filter(([k]) => k.startsWith('dfe-api/'))
      .map(([k, v]) => {
        const file = path.join(dir, path.basename(k))
        fs.writeFileSync(file, v)
        return { fileName: path.basename(k), path: file }
      })
    const head = fs.readFileSync(files[0].path).subarray(0, 4096)
    assert.equal(detectReturn({ ...files[0], head, bytes: head.length })?.format.id, 'dfeApi')
    // One child is broken: it is reported by its index and left out; the rest load.
    const broken = JSON.parse(fs.readFileSync(files[0].path, 'utf8'))
    broken[2].child_details.date_of_birth = '2014-02-30'
    fs.writeFileSync(files[0].path, JSON.stringify(broken))
    const children = files.flatMap((f) => JSON.parse(fs.readFileSync(f.path, 'utf8')) as { la_child_id: string }[])

    const store = await openCaseworkStore({ dataDir: dir, laCode: '330' })
    const result = await ingestUpload(store, files, { asAt: '2014-03-31' })
    assert.equal(result.rejected, null)
    assert.equal(result.issues.errors, 1)
    const [row] = await store.rows<{ n: number }>(
      `SELECT count(DISTINCT child_id)::INTEGER AS n FROM child WHERE snapshot_id = ${result.snapshotId}`,
    )
    assert.equal(row.n, new Set(children.map((c) => c.la_child_id)).size - 1)
    const [issue] = await store.rows<{ message: string; row_number: number; column_name: string }>(
      `SELECT message, row_number, column_name FROM data_issue WHERE snapshot_id = ${result.snapshotId}`,
    )
    assert.match(issue.message, /^Child \[2\]: child_details\.date_of_birth must be a real date/)
    assert.deepEqual([issue.row_number, issue.column_name], [3, 'child_details.date_of_birth'])
    store.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
