export function pgliteTemplatePath(): string
export function makePgliteTemplate(options?: { quiet?: boolean }): Promise<string>
