import type { DataAccess } from '../dataAccess.ts'

/** Composition root, second step: application services over the data access layer. */
export function services(da: DataAccess) {
  return {
    config: da.config,
    store: da.store,
  }
}

export type Services = ReturnType<typeof services>
