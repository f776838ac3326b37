import path from 'node:path'

/**
 * What every CaseworkStore on one file in this process shares (DuckDB lets one process at a time open a file for
 * writing): the writers open now and a count of writers opened and closed, and the queue of API requests. The server
 * holds two on an LA's file (the pages' and the DfE CSC API's), so a write through one must move what the other keeps
 * its reads by, and one must not abandon a snapshot the other is writing.
 */
export interface FileActivity {
  writers: number
  writes: number
  apiQueue: Promise<void>
}
const activityByFile = new Map<string, FileActivity>()
export const activityOf = (file: string) => {
  const key = path.resolve(file)
  let a = activityByFile.get(key)
  if (!a) activityByFile.set(key, (a = { writers: 0, writes: 0, apiQueue: Promise.resolve() }))
  return a
}
