import {
  CASEWORK_UPLOAD_LIMITS,
  uploadCaseworkCommand,
} from '../../../../../services/commands/casework/uploadCasework.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { actorOf, laNameOf } from '../caseworkContext.ts'

/** Upload returns: several files at once, read in the background (the status page follows the job). */
export default definePage({
  PAGE_NAME: 'casework-upload',
  PATH: '/la/:la/casework/upload',
  REQUIRED_PERMISSION: 'casework:upload',
  LA_PARAM: 'la',
  UPLOAD: { field: 'files', maxBytes: CASEWORK_UPLOAD_LIMITS.maxBytes, maxFiles: CASEWORK_UPLOAD_LIMITS.maxFiles },
  COMMAND: uploadCaseworkCommand,
  async GET(_req, res, ctx) {
    res.render('pages/la/casework/upload/index.njk', {
      laCode: ctx.laCode,
      laName: await laNameOf(ctx),
      limits: { files: CASEWORK_UPLOAD_LIMITS.maxFiles, gb: CASEWORK_UPLOAD_LIMITS.maxBytes / 1024 ** 3 },
    })
  },
  async POST(req, res, ctx) {
    const uploaded = Array.isArray(req.files) ? req.files : []
    const files = uploaded.map((f) => ({ fileName: f.originalname, path: f.path }))
    const deps = { casework: ctx.services.casework, laCode: ctx.laCode!, files, dir: res.locals.uploadDir }
    const job = await uploadCaseworkCommand.run(deps, ctx.body, actorOf(ctx.user))
    // The files are the job's now: it removes them once read.
    res.locals.keepUploads = true
    res.redirect(303, urls.caseworkUploadStatus(ctx.laCode!, job.id))
  },
})
