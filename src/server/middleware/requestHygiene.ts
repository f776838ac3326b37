import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import createError from 'http-errors'
import multer from 'multer'

/**
 * Refusals for requests no form of ours sends: a NUL byte anywhere (PostgreSQL text cannot hold one, so it would
 * otherwise surface as a 500), a malformed multipart body, a file in a field the form does not have. Each answers 400
 * with a sentence naming what was wrong and where; nothing is stored.
 */

const NUL = '\u0000'

/** The first place a NUL byte appears in a parsed query or body, as a field name a person can read. */
export function nulField(value: unknown, name = ''): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? name || 'the form' : undefined
  if (Array.isArray(value)) {
    for (const v of value) {
      const hit = nulField(v, name)
      if (hit) return hit
    }
    return undefined
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) return 'a field name'
      const hit = nulField(v, k)
      if (hit) return hit
    }
  }
  return undefined
}

const printable = (field: string) => (field.length > 40 ? `${field.slice(0, 40)}…` : field)

function nulRefusal(where: string) {
  return createError(400, `${where} contains a character that is not allowed (a NUL byte). Remove it and try again.`)
}

/** Before routing: a NUL byte in the address (raw or percent-encoded). */
export function refuseNulInAddress(req: Request, _res: Response, next: NextFunction) {
  const raw = req.originalUrl
  if (raw.includes(NUL) || /%00/i.test(raw)) {
    const inQuery = raw.indexOf('?') >= 0 && /%00|\u0000/i.test(raw.slice(raw.indexOf('?')))
    const inPath = /%00|\u0000/i.test(raw.split('?')[0])
    return next(nulRefusal(inPath ? 'The page address' : inQuery ? 'The query in the page address' : 'The address'))
  }
  next()
}

/** After the body parsers (and after a multipart upload): a NUL byte in any form field. */
export function refuseNulInBody(req: Request, _res: Response, next: NextFunction) {
  const field = nulField(req.body)
  if (field) return next(nulRefusal(`The field “${printable(field)}”`))
  next()
}

/** Bidi and other invisible formatting controls that can make "report.exe.pdf" read as something else. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g

/** A file name as a person gave it, in UTF-8, without control or bidi characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const cleaned = name.normalize('NFC').replace(CONTROLS, '').trim().slice(0, 200)
  return cleaned || 'file'
}

/** "50 MB", "2 GB": a byte limit as the forms and the README state it. */
const sizeLimit = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GB` : `${+(bytes / 1024 ** 2).toFixed(1)} MB`

function uploadRefusal(err: unknown, field: string, maxBytes: number) {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE')
      return createError(
        413,
        `The file in the “${field}” field is larger than ${sizeLimit(maxBytes)}, the largest file Sightline takes. Choose a smaller file and send the form again.`,
      )
    if (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT')
      return createError(
        400,
        `The form takes one file, in its “${field}” field. Choose one file and send the form again.`,
      )
    return createError(400, 'The form has more fields or longer fields than this page takes. Send the form again.')
  }
  return createError(400, 'The upload was incomplete or malformed. Choose the file again and send the form again.')
}

/** One file in `field`, held in memory up to `maxBytes`, with the failures above answered as 400s. */
export function singleUpload(field: string, maxBytes: number): RequestHandler {
  const receive = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 200, fieldSize: 200 * 1024 },
    defParamCharset: 'utf8',
  }).single(field)
  return (req, res, next) => {
    receive(req, res, (err?: unknown) => {
      if (err) return next(uploadRefusal(err, field, maxBytes))
      if (req.file) req.file.originalname = cleanFileName(req.file.originalname)
      refuseNulInBody(req, res, next)
    })
  }
}

/**
 * Up to `maxFiles` files in `field`, each up to `maxBytes`, written to a temporary directory of this request (large
 * returns are never held in memory). The directory is removed once the answer is sent, unless the handler takes the
 * files over by setting `res.locals.keepUploads` (it then removes them itself).
 */
export function manyUpload(field: string, maxBytes: number, maxFiles: number): RequestHandler {
  return (req, res, next) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-upload-'))
    res.on('close', () => {
      if (!res.locals.keepUploads) fs.rmSync(dir, { recursive: true, force: true })
    })
    const receive = multer({
      storage: multer.diskStorage({ destination: dir }),
      limits: { fileSize: maxBytes, files: maxFiles, fields: 200, fieldSize: 200 * 1024 },
      defParamCharset: 'utf8',
    }).array(field, maxFiles)
    receive(req, res, (err?: unknown) => {
      if (
        err instanceof multer.MulterError &&
        (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE')
      )
        return next(createError(400, `The form takes at most ${maxFiles} files, in its “${field}” field.`))
      if (err) return next(uploadRefusal(err, field, maxBytes))
      const files = Array.isArray(req.files) ? req.files : []
      for (const f of files) f.originalname = cleanFileName(f.originalname)
      res.locals.uploadDir = dir
      refuseNulInBody(req, res, next)
    })
  }
}
