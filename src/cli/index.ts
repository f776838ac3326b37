import { Command, CommanderError } from 'commander'
import { UsageError } from './errors.ts'
import { DataDirInUseError } from '../data/dataDirLock.ts'

export { UsageError }

export async function main(argv: string[]): Promise<number> {
  const program = new Command('sightline')
    .description("Sightline: oversight of children's social care improvement in England")
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  // `simulate` loads the simulator alone (the other commands bring in the store and the PDF reader, about 230 MB), so
  // a national run stays under 500 MB; every other command, and `sightline --help`, loads them all.
  if (argv[0] === 'simulate') (await import('./commands/simulate.ts')).registerSimulate(program)
  else (await import('./commands/index.ts')).registerCommands(program)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version')
        return 0
      return 2
    }
    if (err instanceof UsageError || err instanceof DataDirInUseError) {
      process.stderr.write(`sightline: ${err.message}\n`)
      return 2
    }
    process.stderr.write(`sightline: ${(err as Error).message}\n`)
    return 1
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2))
}
