import type { Manifest } from './build.mjs'
export function freshManifest(): Manifest | null
export function importCompiled(name: string, source: string): Promise<Record<string, unknown>>
