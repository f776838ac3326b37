import { definePage } from '../../page.ts'
import { laNameOf } from './caseworkContext.ts'

/** The LA's casework snapshots, newest first, with their record counts. */
export default definePage({
  PAGE_NAME: 'casework-snapshots',
  PATH: '/la/:la/casework',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(_req, res, ctx) {
    const snapshots = await ctx.services.casework.snapshots(ctx.laCode!)
    res.render('pages/la/casework/index.njk', {
      laCode: ctx.laCode,
      laName: await laNameOf(ctx),
      snapshots: snapshots.map((s) => ({
        ...s,
        recordTotal: Object.values(s.records).reduce((a, b) => a + (b ?? 0), 0),
      })),
    })
  },
})
