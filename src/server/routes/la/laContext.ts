import type { Services } from '../../../services/index.ts'

/** What the LA page and its statistics CSV share: the neighbour model its statistics use, and the trends. */
export const STATS_MODEL = '2021'

export async function trendData(services: Services, laCode: string) {
  return services.laProfiles.trends(laCode, STATS_MODEL)
}

export type Trends = Awaited<ReturnType<typeof trendData>>
