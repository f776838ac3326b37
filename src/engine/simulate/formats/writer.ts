import type { SimChild } from '../model.ts'
import type { LaPlan } from '../plan.ts'

/** One output format: told the plan, then each child in turn, then asked to finish its files. */
export interface FormatWriter {
  begin(plan: LaPlan): void | Promise<void>
  child(c: SimChild): void | Promise<void>
  end(): Promise<void>
}
