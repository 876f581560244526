import type { PhotoUpload } from '../../api/types'

/** The server takes at most six photos a request, each a JPEG or PNG of at most 5 MB. */
export const MAX_PHOTOS = 6
const MAX_BYTES = 5 * 1024 * 1024
/** Phone photos are scaled to this longest edge: plenty to see a leak, a fraction of the upload. */
const MAX_EDGE = 1600
const JPEG_QUALITY = 0.82

export interface PreparedPhoto extends PhotoUpload {
  /** Tells two copies of one picture apart in the list. */
  id: number
  /** A data: URL for the thumbnail. */
  preview: string
}

let nextId = 1

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(blob)
  })
}

const base64Of = (dataUrl: string) => dataUrl.slice(dataUrl.indexOf(',') + 1)

function jpegName(name: string): string {
  const stem = name.replace(/\.[^./\\]*$/, '').trim() || 'photo'
  return `${stem.slice(0, 190)}.jpg`
}

/**
 * Re-encodes a chosen image as a JPEG of at most MAX_EDGE pixels: small to upload on a phone network,
 * upright (the browser applies the EXIF orientation when decoding), and without the EXIF block — which
 * can hold the GPS position of the owner's home. A browser that cannot decode the image (HEIC outside
 * Safari) may still send a JPEG or PNG that is small enough as it is.
 */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height))
    const width = Math.max(1, Math.round(bitmap.width * scale))
    const height = Math.max(1, Math.round(bitmap.height * scale))
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2d context')
    // JPEG has no transparency: a transparent PNG would turn black without a background.
    context.fillStyle = '#fff'
    context.fillRect(0, 0, width, height)
    context.drawImage(bitmap, 0, 0, width, height)
    bitmap.close()
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY),
    )
    if (!blob) throw new Error('encoding failed')
    const dataUrl = await readAsDataUrl(blob)
    return {
      id: nextId++,
      fileName: jpegName(file.name),
      contentType: 'image/jpeg',
      dataBase64: base64Of(dataUrl),
      preview: dataUrl,
    }
  } catch (error) {
    const contentType =
      file.type === 'image/png' ? 'image/png' : file.type === 'image/jpeg' ? 'image/jpeg' : null
    if (!contentType || file.size > MAX_BYTES) throw error
    const dataUrl = await readAsDataUrl(file)
    return {
      id: nextId++,
      fileName: file.name.slice(0, 200) || 'photo',
      contentType,
      dataBase64: base64Of(dataUrl),
      preview: dataUrl,
    }
  }
}

/** What the API takes: the photo without its preview. */
export const toUpload = ({ fileName, contentType, dataBase64 }: PreparedPhoto): PhotoUpload => ({
  fileName,
  contentType,
  dataBase64,
})
