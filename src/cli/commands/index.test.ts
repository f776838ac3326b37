import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Command } from 'commander'
import { COMMAND_GROUPS, registerCommands, registerCommandsFor } from './index.ts'

const listed = (p: Command) => p.commands.map((c) => [c.name(), c.description()])

describe('CLI command table', () => {
  it('lists every real command with its real description, in order', async () => {
    const real = new Command('sightline')
    await registerCommands(real)
    assert.deepEqual(
      COMMAND_GROUPS.map((g) => [g.name, g.description]),
      listed(real),
    )
  })

  it('registers only the command named (also after help), and every name for help or an unknown command', async () => {
    const one = new Command('sightline')
    await registerCommandsFor(one, ['users', 'list'])
    assert.deepEqual(
      one.commands.map((c) => c.name()),
      ['users'],
    )
    assert.ok(one.commands[0].commands.length > 0, 'the users subcommands are loaded')
    const help = new Command('sightline')
    await registerCommandsFor(help, ['help', 'casework'])
    assert.deepEqual(
      help.commands.map((c) => c.name()),
      ['casework'],
    )
    for (const argv of [['--help'], [], ['nope']]) {
      const all = new Command('sightline')
      await registerCommandsFor(all, argv)
      assert.deepEqual(
        all.commands.map((c) => c.name()),
        COMMAND_GROUPS.map((g) => g.name),
      )
      assert.ok(
        all.commands.every((c) => c.commands.length === 0),
        'help lists commands without loading them',
      )
    }
  })
})
