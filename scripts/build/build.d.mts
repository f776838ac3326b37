export const ROOT: string
export const OUT_DIR: string
export const MANIFEST: string
export const ENTRIES: Record<string, string>
export interface Manifest {
  root: string
  entries: Record<string, string>
  inputs: Record<string, [number, number] | null>
}
export function stamp(file: string): [number, number] | null
export function build(options?: { quiet?: boolean }): Promise<Manifest>
