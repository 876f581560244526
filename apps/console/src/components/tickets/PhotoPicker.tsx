import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons'
import type { PhotoInput } from '@meihao/contracts'
import { App, Button, Flex, Typography } from 'antd'
import { useRef, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { MAX_PHOTOS, photoDataUrl, photoKey, toPhotoInput } from './photoFiles'

/**
 * Photos held in a form as base64 until it is sent (at most six). With `capture` the phone opens its
 * rear camera (`capture="environment"`); a desktop browser offers its file picker either way.
 */
export function PhotoPicker({
  value,
  onChange,
  capture = false,
  large = false,
  testId = 'photo-input',
}: {
  value?: PhotoInput[]
  onChange?: (photos: PhotoInput[]) => void
  capture?: boolean
  large?: boolean
  testId?: string
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const input = useRef<HTMLInputElement>(null)
  const [reading, setReading] = useState(false)
  const photos = value ?? []

  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return
    setReading(true)
    const next = [...photos]
    try {
      for (const file of Array.from(files)) {
        if (next.length >= MAX_PHOTOS) {
          message.warning(t('photo.tooMany', { max: MAX_PHOTOS }))
          break
        }
        const photo = await toPhotoInput(file)
        if (typeof photo === 'string') message.error(t(`photo.${photo}`))
        else next.push(photo)
      }
      onChange?.(next)
    } finally {
      setReading(false)
      if (input.current) input.current.value = '' // the same file may be chosen again
    }
  }

  const thumb = large ? 88 : 64
  return (
    <Flex vertical gap={8}>
      <input
        ref={input}
        type="file"
        accept={capture ? 'image/*' : 'image/jpeg,image/png,image/*'}
        multiple={!capture}
        {...(capture ? { capture: 'environment' as const } : {})}
        style={{ display: 'none' }}
        onChange={(e) => void add(e.target.files)}
        data-testid={testId}
      />
      {photos.length > 0 ? (
        <Flex wrap gap={8} data-testid={`${testId}-list`}>
          {photos.map((photo, i) => (
            <div key={photoKey(photo)} style={{ position: 'relative', width: thumb, height: thumb }}>
              <img
                src={photoDataUrl(photo)}
                alt={photo.fileName}
                style={{ width: thumb, height: thumb, objectFit: 'cover', borderRadius: 6 }}
              />
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined />}
                aria-label={t('photo.remove')}
                onClick={() => onChange?.(photos.filter((_, j) => j !== i))}
                style={{ position: 'absolute', top: -8, right: -8 }}
              />
            </div>
          ))}
        </Flex>
      ) : null}
      {photos.length < MAX_PHOTOS ? (
        <div>
          <Button
            icon={capture ? <CameraOutlined /> : <PictureOutlined />}
            size={large ? 'large' : 'middle'}
            block={large}
            loading={reading}
            onClick={() => input.current?.click()}
            data-testid={`${testId}-button`}
          >
            {capture ? t('photo.takePhoto') : t('photo.choose')}
          </Button>
        </div>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('photo.hint', { max: MAX_PHOTOS })}
      </Typography.Text>
    </Flex>
  )
}
