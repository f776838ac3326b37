import { sendCachedPage } from '../../../pageCache.ts'
import { definePage } from '../../page.ts'
import { caseworkPageVersion, laNameOf } from './caseworkContext.ts'

/** The LA's casework snapshots, newest first, with their record counts. */
export default definePage({
  PAGE_NAME: 'casework-snapshots',
  PATH: '/la/:la/casework',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    // Kept until an upload or API request starts or ends (the list changes only then) or the register's data changes.
    const { version, key } = await caseworkPageVersion(ctx)
    await sendCachedPage(req, res, 'pages/la/casework/index.njk', { version, key }, async () => {
      const snapshots = await ctx.services.casework.snapshots(ctx.laCode!)
      return {
        laCode: ctx.laCode,
        laName: await laNameOf(ctx),
        snapshots: snapshots.map((s) => ({
          ...s,
          recordTotal: Object.values(s.records).reduce((a, b) => a + (b ?? 0), 0),
        })),
      }
    })
  },
})
