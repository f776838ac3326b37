import type { Command } from 'commander'
import { registerDb } from './db.ts'

/** Every CLI command group, registered once. Each group lives in its own file. */
export function registerCommands(program: Command) {
  registerDb(program)
}
