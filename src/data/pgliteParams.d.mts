export const START_PARAMS: string[]
