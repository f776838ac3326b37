import { gauge } from './memoryGauges.ts'

/**
 * A map that keeps at most `max` entries, the least recently used going first, and reports its size to the memory
 * probe under `name`. For caches whose keys keep coming (one per snapshot, per LA and date): a plain Map there grows for
 * as long as the server runs.
 */
export class BoundedCache<K, V> {
  private readonly held = new Map<K, V>()

  constructor(
    name: string,
    readonly max: number,
  ) {
    gauge(name, this, (c) => c.size)
  }

  get(key: K): V | undefined {
    const v = this.held.get(key)
    if (v !== undefined) {
      // Most recently used last.
      this.held.delete(key)
      this.held.set(key, v)
    }
    return v
  }

  has(key: K) {
    return this.held.has(key)
  }

  set(key: K, value: V) {
    this.held.delete(key)
    this.held.set(key, value)
    while (this.held.size > this.max) this.held.delete(this.held.keys().next().value!)
    return this
  }

  delete(key: K) {
    return this.held.delete(key)
  }

  get size() {
    return this.held.size
  }
}
