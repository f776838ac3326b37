// autocannon ships no types; the part the benchmarks use.
declare module 'autocannon' {
  interface Request {
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
    path?: string
    headers?: Record<string, string>
    body?: string
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    amount?: number
    requests?: Request[]
    headers?: Record<string, string>
  }
  interface Histogram {
    average: number
    total: number
    p50: number
    p99: number
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    duration: number
    non2xx: number
    errors: number
    timeouts: number
  }
  interface Instance extends Promise<Result> {
    on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): this
  }
  function autocannon(options: Options): Instance
  export default autocannon
}
