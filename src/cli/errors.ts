/** Exit codes: 0 ok, 1 failure, 2 usage error (bad arguments, unknown LA code). */
export class UsageError extends Error {}
