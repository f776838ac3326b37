import type { Store } from '../data/store.ts'
import { loadPublicData, publicDataStatus } from './registerService.ts'

/** The open data in the national register: load what is missing or changed, and list what is loaded. */
export function publicDataService(store: Store) {
  return {
    load: (options: Parameters<typeof loadPublicData>[1] = {}) => loadPublicData(store, options),
    status: () => publicDataStatus(store),
  }
}
