import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EVENTS } from 'saxes'
import { saxesParser } from './saxes.ts'

test('saxesParser: adding any handler adds no property (every parser keeps one shape), and handlers still fire', () => {
  const p = saxesParser({ position: false })
  const keys = Object.keys(p)
  const seen: string[] = []
  for (const event of EVENTS) p.on(event, (() => seen.push(event)) as never)
  assert.deepEqual(Object.keys(p), keys, 'a handler slot saxes uses is missing from UniformSaxesParser')
  p.write('<?xml version="1.0"?><a x="1"><!--c--><![CDATA[d]]>t</a>').close()
  for (const event of [
    'xmldecl',
    'opentagstart',
    'attribute',
    'opentag',
    'comment',
    'cdata',
    'text',
    'closetag',
    'end',
  ])
    assert.ok(seen.includes(event), event)
})
