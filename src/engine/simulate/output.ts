import { PassThrough, type Writable } from 'node:stream'

/**
 * Where the simulator writes: the caller gives an Output (files in a temporary directory for the CLI, memory for
 * tests), so the engine does no I/O of its own. Text is buffered and handed over in chunks of about 256 kB; a chunk
 * that the target cannot take yet returns a promise (backpressure), which keeps memory bounded.
 */
export interface TextTarget {
  write(chunk: string): void | Promise<void>
  close(): Promise<void>
}

export interface Output {
  text(path: string): TextTarget
  /** A byte stream (the XLSX writer needs one). */
  binary(path: string): Writable
  /**
   * Scratch space that is not part of the output: written once, then read back line by line (the XLSX writer spills
   * each list's rows there so that it writes one sheet at a time). The Output's owner removes it.
   */
  scratch(name: string): Scratch
}

export interface Scratch extends TextTarget {
  /** The lines written, after close(). */
  lines(): AsyncIterable<string>
}

export class TextFile {
  private parts: string[] = []
  private size = 0
  bytes = 0
  constructor(private target: TextTarget) {}

  write(s: string): void | Promise<void> {
    this.parts.push(s)
    this.size += s.length
    this.bytes += s.length
    if (this.size >= 262_144) return this.flush()
  }

  flush(): void | Promise<void> {
    if (!this.size) return
    const chunk = this.parts.join('')
    this.parts = []
    this.size = 0
    return this.target.write(chunk)
  }

  async close() {
    await this.flush()
    await this.target.close()
  }
}

/** CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ''
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
export const csvLine = (values: ReadonlyArray<string | number | null | undefined>) =>
  values.map(csvField).join(',') + '\r\n'

/** An Output that keeps every file in memory (tests). */
export function memoryOutput(): Output & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>()
  return {
    files,
    text(path) {
      const parts: string[] = []
      return {
        write: (c) => void parts.push(c),
        close: async () => void files.set(path, Buffer.from(parts.join(''), 'utf8')),
      }
    },
    scratch() {
      const parts: string[] = []
      return {
        write: (c) => void parts.push(c),
        close: async () => undefined,
        async *lines() {
          const text = parts.join('')
          parts.length = 0
          for (const line of text.split('\n')) if (line) yield line
        },
      }
    },
    binary(path) {
      const chunks: Buffer[] = []
      const s = new PassThrough()
      s.on('data', (c: Buffer) => chunks.push(c))
      s.on('end', () => files.set(path, Buffer.concat(chunks)))
      return s
    },
  }
}
