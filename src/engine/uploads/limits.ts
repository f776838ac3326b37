/** The largest file any upload takes (evidence, reports, letters): the 50 MB the README and the forms state. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024
