import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * One full garbage collection, now. A first start's bulk work (the demo plan, the simulated casework read) leaves
 * hundreds of MB of dead buffers that V8 would only collect once the heap next fills up, which an idle server may never
 * do: they stay resident. Called once, when that work has finished; never per request. (Node gives `gc` only to a
 * process started with --expose-gc: the flag is set for a fresh context, the function taken from it, then unset.)
 */
export function collectOnce() {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed()
  v8.setFlagsFromString('--expose-gc')
  try {
    ;(vm.runInNewContext('gc') as () => void)()
  } finally {
    v8.setFlagsFromString('--no-expose-gc')
  }
}
