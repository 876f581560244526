import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from './errors'
import { type FileStore, localDiskStore, MAX_FILE_BYTES, saveFile } from './files'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
const upload = (bytes: Buffer, contentType = 'image/png') => ({
  fileName: 'leak.png',
  contentType,
  dataBase64: bytes.toString('base64'),
})

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
    return undefined
  } catch (error) {
    return error instanceof AppError ? error.code : String(error)
  }
}

describe('local disk file store', () => {
  let dataDir: string
  let store: FileStore
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'meihao-files-'))
    store = localDiskStore(dataDir)
  })
  afterEach(() => rm(dataDir, { recursive: true, force: true }))

  it('stores by tenant and content hash, once, and reads the same bytes back', async () => {
    const first = await saveFile(store, 't1', upload(PNG))
    const again = await saveFile(store, 't1', upload(PNG))
    expect(again.sha256).toBe(first.sha256)
    expect(first.sizeBytes).toBe(PNG.length)
    expect(await readdir(join(dataDir, 'files', 't1'))).toEqual([first.sha256])
    expect(await readAll(store.read('t1', first.sha256))).toEqual(PNG)
  })

  it('keeps tenants apart: one tenant cannot read another tenant’s file by its hash', async () => {
    const saved = await saveFile(store, 't1', upload(PNG))
    await expect(readAll(store.read('t2', saved.sha256))).rejects.toThrow(/ENOENT/)
  })

  it('refuses an empty file, one over the limit, and bytes that are not the claimed type, storing nothing', async () => {
    expect(await codeOf(saveFile(store, 't1', upload(Buffer.alloc(0))))).toBe('COMMON_FILE_TOO_LARGE')
    const tooBig = Buffer.concat([PNG, Buffer.alloc(MAX_FILE_BYTES)])
    expect(await codeOf(saveFile(store, 't1', upload(tooBig)))).toBe('COMMON_FILE_TOO_LARGE')
    expect(await codeOf(saveFile(store, 't1', upload(PNG, 'application/pdf')))).toBe(
      'COMMON_FILE_TYPE_MISMATCH',
    )
    expect(await codeOf(saveFile(store, 't1', upload(PNG, 'text/html')))).toBe('COMMON_FILE_TYPE_MISMATCH')
    await expect(readdir(join(dataDir, 'files'))).rejects.toThrow(/ENOENT/)
  })
})
