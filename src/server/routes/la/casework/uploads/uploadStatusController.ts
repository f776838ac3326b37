import createError from 'http-errors'
import { definePage } from '../../../page.ts'
import { laNameOf } from '../caseworkContext.ts'

/** An upload's progress (the page refreshes itself while the files are read), then what was stored or refused. */
export default definePage({
  PAGE_NAME: 'casework-upload-status',
  PATH: '/la/:la/casework/uploads/:upload',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const job = await ctx.services.casework.uploads.get(ctx.laCode!, String(req.params.upload))
    if (!job) throw createError(404, 'There is no upload with this reference for this local authority')
    const running = job.state === 'queued' || job.state === 'reading'
    res.render('pages/la/casework/uploads/status.njk', {
      laCode: ctx.laCode,
      laName: await laNameOf(ctx),
      job,
      running,
      refreshSeconds: running ? 2 : undefined,
      recordTotal: job.result ? Object.values(job.result.records).reduce((a, b) => a + (b ?? 0), 0) : 0,
      records: job.result ? Object.entries(job.result.records).sort(([a], [b]) => a.localeCompare(b)) : [],
    })
  },
})
