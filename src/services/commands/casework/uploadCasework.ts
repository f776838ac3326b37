import { z } from 'zod'
import { refuseAtOnce, type IngestFile } from '../../../engine/casework/ingest.ts'
import { optionalDateInput } from '../../../engine/forms/fields.ts'
import type { Actor } from '../../auditService.ts'
import type { CaseworkService } from '../../casework/caseworkService.ts'
import type { UploadJob } from '../../casework/caseworkUploads.ts'
import { InputError, defineCommand } from '../command.ts'

export const CASEWORK_UPLOAD_MESSAGES = {
  files: 'Choose at least one file: the Annex A workbook or CSVs, the CIN census XML, the SSDA903 files',
}

/** At most this many files in one upload, each at most this large (a national CIN census is about 1 GB). */
export const CASEWORK_UPLOAD_LIMITS = { maxFiles: 30, maxBytes: 1024 ** 3 }

/**
 * Queues one upload of returns into the LA's casework store; the reading happens in the background (see the status
 * page). A file that is empty or of a type Sightline does not read is refused here, before anything is queued.
 */
export const uploadCaseworkCommand = defineCommand({
  name: 'casework-upload',
  permission: 'casework:upload',
  schema: z
    .object({
      asAt: optionalDateInput({ label: 'the as-at date', notInFuture: true }),
    })
    .strict(),
  async run(
    deps: { casework: CaseworkService; laCode: string; files: IngestFile[]; dir?: string },
    input,
    actor: Actor,
  ): Promise<UploadJob> {
    if (!deps.files.length) throw InputError.field('files', CASEWORK_UPLOAD_MESSAGES.files)
    const refused = deps.files.map(refuseAtOnce).filter((m): m is string => m !== null)
    if (refused.length) throw InputError.field('files', refused.join('. '))
    return deps.casework.uploads.start(deps.laCode, deps.files, {
      asAt: input.asAt ?? undefined,
      actor,
      dir: deps.dir,
    })
  },
})
