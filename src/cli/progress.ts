/** A one-line progress bar on a TTY (stderr); silent otherwise so piped output stays clean. */
export function progressBar(label: string) {
  const tty = Boolean(process.stderr.isTTY)
  return {
    update(done: number, total: number, item = '') {
      if (!tty) return
      const width = 30
      const filled = Math.round((done / Math.max(total, 1)) * width)
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${item}`
          .padEnd(100)
          .slice(0, 100),
      )
    },
    done() {
      if (tty) process.stderr.write('\n')
    },
  }
}
