import { UPLOAD_LIMIT_BYTES } from './engine/uploads/limits.ts'
import path from 'node:path'
import { z } from 'zod'

/** One validated configuration, nested per concern. Fails fast at start-up with a message naming the bad variable. */
const schema = z.object({
  env: z.enum(['development', 'production', 'test']).default('development'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The interface to listen on: this machine only unless HOST says otherwise (behind a proxy, HOST=0.0.0.0). */
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./var'),
  databaseUrl: z.string().url().optional(),
  demo: z.enum(['auto', 'on', 'off']).default('auto'),
  sessionSecret: z.string().min(16).optional(),
  chromiumPath: z.string().default('/usr/bin/chromium'),
  /** Stack traces on error pages: a developer opts in (SIGHTLINE_SHOW_ERROR_DETAILS=1); never on by default, in any mode. */
  showErrorDetails: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * Templates are compiled once and kept, in every mode; a developer editing views opts in to recompiling them on every
   * request (SIGHTLINE_WATCH_TEMPLATES=1), which costs about half the CPU of a page.
   */
  watchTemplates: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  uploadLimitBytes: z.coerce.number().int().positive().default(UPLOAD_LIMIT_BYTES),
  reportLimitBytes: z.coerce.number().int().positive().default(UPLOAD_LIMIT_BYTES),
  /** Machine clients (the DfE CSC API): token lifetime, per-client rate limit, largest JSON body. */
  api: z
    .object({
      tokenSeconds: z.coerce.number().int().min(60).max(86_400).default(3600),
      perMinute: z.coerce.number().int().positive().default(120),
      burst: z.coerce.number().int().positive().default(20),
      bodyLimitBytes: z.coerce
        .number()
        .int()
        .positive()
        .default(5 * 1024 * 1024),
    })
    .default({}),
})

export type Config = z.infer<typeof schema>

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST || undefined,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    demo: env.SIGHTLINE_DEMO,
    sessionSecret: env.SESSION_SECRET,
    chromiumPath: env.CHROMIUM_PATH,
    showErrorDetails: env.SIGHTLINE_SHOW_ERROR_DETAILS || undefined,
    watchTemplates: env.SIGHTLINE_WATCH_TEMPLATES || undefined,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : undefined),
    uploadLimitBytes: env.UPLOAD_LIMIT_BYTES,
    reportLimitBytes: env.REPORT_LIMIT_BYTES,
    api: {
      tokenSeconds: env.API_TOKEN_SECONDS,
      perMinute: env.API_RATE_PER_MINUTE,
      burst: env.API_RATE_BURST,
      bodyLimitBytes: env.API_BODY_LIMIT_BYTES,
    },
    ...overrides,
  })
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) }
}
