import type { Command } from 'commander'

type Register = (program: Command) => void

/**
 * Every top-level CLI command: its one-line description (what `sightline --help` lists) and how to load it. A command's
 * module, with the store, the report reader or DuckDB it brings in, is loaded only when that command runs, so
 * `sightline --help` starts in a fraction of a second. index.test.ts checks the descriptions match the real commands.
 */
export const COMMAND_GROUPS: Array<{ name: string; description: string; usage?: string; load(): Promise<Register> }> = [
  {
    name: 'db',
    description: 'Operational store: migrations and status',
    load: async () => (await import('./db.ts')).registerDb,
  },
  { name: 'users', description: 'Manage accounts', load: async () => (await import('./users.ts')).registerUsers },
  {
    name: 'audit',
    description: 'The hash-chained audit trail',
    load: async () => (await import('./audit.ts')).registerAudit,
  },
  {
    name: 'data',
    description: 'Open data in the national register',
    load: async () => (await import('./register.ts')).registerRegister,
  },
  {
    name: 'la',
    description: 'Local authorities in the national register',
    load: async () => (await import('./register.ts')).registerRegister,
  },
  {
    name: 'risk',
    description: 'Unidentified risk: expected minus actual children, against comparators',
    load: async () => (await import('./risk.ts')).registerRisk,
  },
  {
    name: 'intervention',
    description: 'Intervention decision support and oversight',
    load: async () => (await import('./intervention.ts')).registerIntervention,
  },
  {
    name: 'notifications',
    description: 'Deadline notifications',
    load: async () => (await import('./notifications.ts')).registerNotifications,
  },
  { name: 'plans', description: 'Improvement plans', load: async () => (await import('./plans.ts')).registerPlans },
  {
    name: 'reports',
    description: 'Ofsted reports (import) and board progress reports',
    load: async () => (await import('./reports.ts')).registerReports,
  },
  {
    name: 'simulate',
    usage: '[options]',
    description:
      "Write a synthetic local authority's children's social care case data in the real exchange formats, with truth.json",
    load: async () => (await import('./simulate.ts')).registerSimulate,
  },
  {
    name: 'api',
    description: 'Machine clients of the JSON endpoints (the DfE CSC API)',
    load: async () => (await import('./api.ts')).registerApi,
  },
  {
    name: 'casework',
    description: "Children's case data (returns) in each LA's own store",
    load: async () => {
      const [{ registerCasework }, { registerCaseworkInsight }] = await Promise.all([
        import('./casework.ts'),
        import('./caseworkInsight.ts'),
      ])
      return (program) => {
        registerCasework(program)
        registerCaseworkInsight(program.commands.find((c) => c.name() === 'casework')!)
      }
    },
  },
]

/**
 * Registers what `argv` needs: the one command it names (also after `help`), or, for `--help`, no command or an unknown
 * one, every command's name and description without loading any of them.
 */
export async function registerCommandsFor(program: Command, argv: string[]) {
  const named = argv[0] === 'help' ? argv[1] : argv[0]
  const group = COMMAND_GROUPS.find((g) => g.name === named)
  if (group) return (await group.load())(program)
  for (const g of COMMAND_GROUPS) program.command(g.usage ? `${g.name} ${g.usage}` : g.name).description(g.description)
}

/** Every command, loaded (tests, and anything that needs the whole tree). */
export async function registerCommands(program: Command) {
  const loaded = new Set<Register>()
  for (const g of COMMAND_GROUPS) {
    const register = await g.load()
    if (g.name === 'la') continue // registered with 'data' by the same module
    if (!loaded.has(register)) register(program)
    loaded.add(register)
  }
}
