/**
 * How many entries each in-memory cache of the server holds, for the memory probe (src/memoryProbe.ts) that
 * `npm run bench:load` reads: a cache registers itself with a name and a way to count its entries. Owners are held
 * weakly, so registering never keeps a cache (or the app or services it belongs to) alive; tests that build many apps
 * leave nothing behind here.
 */
interface Gauge {
  name: string
  owner: WeakRef<object>
  size: (owner: object) => number
}

const gauges: Gauge[] = []

/** Registers `owner`'s entry count under `name` (several owners of one name are added up). Returns the owner. */
export function gauge<T extends object>(name: string, owner: T, size: (owner: T) => number): T {
  gauges.push({ name, owner: new WeakRef(owner), size: size as (owner: object) => number })
  return owner
}

/** Entries held now, by cache name, summed over the owners still alive (owners collected since are forgotten). */
export function gaugeSizes(): Record<string, number> {
  const out: Record<string, number> = {}
  for (let i = gauges.length - 1; i >= 0; i--) {
    const g = gauges[i]
    const owner = g.owner.deref()
    if (!owner) {
      gauges.splice(i, 1)
      continue
    }
    out[g.name] = (out[g.name] ?? 0) + g.size(owner)
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)))
}
