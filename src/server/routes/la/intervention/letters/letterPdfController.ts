import createError from 'http-errors'
import { definePage } from '../../../page.ts'

/** A letter's PDF, as held in the register ("PDF held" on the oversight page opens it). */
export default definePage({
  PAGE_NAME: 'intervention-letter-pdf',
  PATH: '/la/:la/intervention/letters/:id.pdf',
  REQUIRED_PERMISSION: 'intervention:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const id = Number(req.params.id)
    const doc = Number.isInteger(id)
      ? await ctx.services.interventionRegister.letterDocument(ctx.laCode!, id)
      : undefined
    if (!doc) throw createError(404)
    // A download, never shown inline: a PDF reader opens it outside the service's pages.
    res.type('application/pdf').attachment(doc.name).send(doc.bytes)
  },
})
