import { Command, CommanderError } from 'commander'
import { SetUpUnfinishedError, UsageError } from './errors.ts'
import { DataDirInUseError } from '../data/dataDirLock.ts'

export { UsageError }

export async function main(argv: string[]): Promise<number> {
  const program = new Command('sightline')
    .description("Sightline: oversight of children's social care improvement in England")
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  // Only the command named is loaded (see commands/index.ts): `simulate` without the store, `--help` without anything.
  await (await import('./commands/index.ts')).registerCommandsFor(program, argv)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version')
        return 0
      return 2
    }
    if (err instanceof UsageError || err instanceof DataDirInUseError || err instanceof SetUpUnfinishedError) {
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
