import Papa from 'papaparse'

interface ChunkParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { data: string[][]; meta: { cursor: number } }
}
type ParserClass = new (config: Record<string, unknown>) => ChunkParser

/**
 * CSV rows from a stream of text chunks, parsed exactly as papaparse parses a stream (the delimiter and line ending
 * guessed from the first chunk, a row cut by a chunk's end carried into the next), but with papaparse's own chunk
 * parser called once per chunk. Papaparse's Node stream mode pauses every few rows for back-pressure and then parses
 * the rest of its chunk again from the start, which made a 1 MB chunk cost seconds.
 */
export async function* csvTextRows(chunks: AsyncIterable<string>): AsyncIterable<string[][]> {
  let parser: ChunkParser | undefined
  let partial = ''
  for await (const chunk of chunks) {
    const input = partial + chunk
    if (!parser) {
      // Papa.parse on the first chunk settles the delimiter and line ending as its stream mode would.
      const { meta } = Papa.parse<string[]>(input, { skipEmptyLines: false, preview: 1 })
      const Parser = (Papa as unknown as { Parser: ParserClass }).Parser
      parser = new Parser({ delimiter: meta.delimiter, newline: meta.linebreak, quoteChar: '"', skipEmptyLines: false })
    }
    const r = parser.parse(input, 0, true)
    partial = input.substring(r.meta.cursor)
    if (r.data.length) yield r.data
  }
  if (partial && parser) {
    const r = parser.parse(partial, 0, false)
    if (r.data.length) yield r.data
  }
}
