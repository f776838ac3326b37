/** One issue shape for bad data everywhere (design.md §2). Readers collect issues and keep going. */
export interface DataIssue {
  severity: 'error' | 'warning'
  source: string
  sheet?: string
  row?: number
  column?: string
  value?: string
  message: string
}

export function formatIssue(i: DataIssue): string {
  const where = [
    i.source,
    i.sheet,
    i.row !== undefined ? `line ${i.row}` : undefined,
    i.column ? `column "${i.column}"` : undefined,
  ]
    .filter(Boolean)
    .join(', ')
  return `${where}: ${i.message}${i.value !== undefined ? ` (found "${i.value}")` : ''}`
}

export class DataLoadError extends Error {
  constructor(public issues: DataIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error')
    super(
      `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${errors[0]?.source ?? 'the data'}; nothing from this file was loaded.\n` +
        errors
          .slice(0, 10)
          .map((i) => `  ${formatIssue(i)}`)
          .join('\n') +
        (errors.length > 10 ? `\n  ... and ${errors.length - 10} more` : ''),
    )
  }
}
