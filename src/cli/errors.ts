/** Exit codes: 0 ok, 1 failure, 2 usage error (bad arguments, unknown LA code). */
export class UsageError extends Error {}

/** A command refused because the first start of this data directory was stopped during set-up. */
export class SetUpUnfinishedError extends Error {
  constructor() {
    super(
      "Sightline's first start on this data directory did not finish setting up. Run `npm start` to finish it, then run this command again.",
    )
  }
}
