/** Every path in the web app, built in one place. */
const enc = encodeURIComponent

export const urls = {
  home: () => '/',
  signIn: (next?: string) => (next ? `/sign-in?next=${enc(next)}` : '/sign-in'),
  signOut: () => '/sign-out',
  health: () => '/health',
  audit: () => '/audit',
  la: (code: string) => `/la/${enc(code)}`,
  laStatisticsCsv: (code: string, measure?: string) =>
    `/la/${enc(code)}/statistics.csv${measure ? `?measure=${enc(measure)}` : ''}`,
  overviewCsv: () => '/overview.csv',
}
