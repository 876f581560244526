import type { PhotoInput } from '@meihao/contracts'
import { readBase64 } from '../readBase64'

/** The server takes JPEG or PNG of at most 5 MB (decoded), six to an action. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
export const MAX_PHOTOS = 6
/** A camera photo is scaled down to this longest side when it must be re-encoded. */
const MAX_SIDE = 2560

type PhotoType = PhotoInput['contentType']
const isPhotoType = (type: string): type is PhotoType => type === 'image/jpeg' || type === 'image/png'

/** Draws the image again as a JPEG no longer than MAX_SIDE: a large camera photo, HEIC or WebP. */
async function reencode(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(bitmap.width * scale))
  canvas.height = Math.max(1, Math.round(bitmap.height * scale))
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no canvas')
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode'))), 'image/jpeg', 0.85),
  )
}

const baseName = (name: string) => (name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name)

/** The server keeps at most 200 characters of a name; the end holds the extension. */
const clip = (name: string) => (name.length > 200 ? name.slice(-200) : name)

export type PhotoProblem = 'notImage' | 'tooLarge' | 'unreadable'

/** A chosen file as the server takes it: JPEG/PNG as they are, anything else (or too large) as a JPEG. */
export async function toPhotoInput(file: File): Promise<PhotoInput | PhotoProblem> {
  if (!file.type.startsWith('image/')) return 'notImage'
  try {
    if (isPhotoType(file.type) && file.size <= MAX_PHOTO_BYTES) {
      return {
        fileName: clip(file.name || 'photo'),
        contentType: file.type,
        dataBase64: await readBase64(file),
      }
    }
    const jpeg = await reencode(file)
    if (jpeg.size > MAX_PHOTO_BYTES) return 'tooLarge'
    return {
      fileName: clip(`${baseName(file.name) || 'photo'}.jpg`),
      contentType: 'image/jpeg',
      dataBase64: await readBase64(jpeg),
    }
  } catch {
    return file.size > MAX_PHOTO_BYTES ? 'tooLarge' : 'unreadable'
  }
}

export const photoDataUrl = (photo: PhotoInput) => `data:${photo.contentType};base64,${photo.dataBase64}`

const keys = new WeakMap<PhotoInput, string>()
let nextKey = 0

/** A stable React key for a photo held in a form (the object itself is the identity). */
export function photoKey(photo: PhotoInput): string {
  let key = keys.get(photo)
  if (!key) {
    key = `photo-${++nextKey}`
    keys.set(photo, key)
  }
  return key
}
