import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { caseworkService } from '../../src/services/casework/caseworkService.ts'
import { asFiles, tmpDir, writeTemp } from './support.ts'

const CIN = `<?xml version="1.0" encoding="UTF-8"?><Message><Header><CollectionDetails><Collection>CIN</Collection><ReferenceDate>2014-03-31</ReferenceDate></CollectionDetails><Source><LEA>330</LEA></Source></Header><Children>
<Child><ChildIdentifiers><LAchildID>P1</LAchildID><PersonBirthDate>2010-01-01</PersonBirthDate></ChildIdentifiers><CINdetails><CINreferralDate>2013-06-01</CINreferralDate></CINdetails></Child>
</Children></Message>`

/**
 * DuckDB keeps the rows of writes not yet checkpointed in memory as well as in its write-ahead log, until the log reaches
 * 16 MB: a server taking uploads all day grew by each upload (bench:load saw DuckDB's share rise upload by upload; a
 * first upload of Birmingham's returns held about 50 MB). Each upload now ends with a checkpoint: the log is empty and
 * DuckDB holds no uncheckpointed table data, however many uploads came before.
 */
test('after each casework upload the write-ahead log is checkpointed: no upload stays held in memory', async () => {
  const dataDir = tmpDir()
  const service = caseworkService({ dataDir })
  try {
    for (let n = 1; n <= 4; n++) {
      const r = await service.ingest('330', asFiles(writeTemp(`cin-${n}.xml`, CIN)), { asAt: `2014-0${n}-28` })
      assert.equal(r.rejected, null)
      const wal = path.join(dataDir, 'casework', '330.duckdb.wal')
      const walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0
      assert.equal(walBytes, 0, `upload ${n}: ${walBytes} bytes left in the write-ahead log`)
      const store = await service.storeFor('330')
      const [held] = await store.rows<{ bytes: number }>(
        `SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`,
      )
      assert.ok(held.bytes < 2 * 1048576, `upload ${n}: ${held.bytes} bytes of uncheckpointed rows held`)
    }
    assert.equal((await service.snapshots('330')).filter((s) => s.status === 'complete').length, 4)
  } finally {
    await service.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
