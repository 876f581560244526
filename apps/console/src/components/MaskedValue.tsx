import { EyeOutlined } from '@ant-design/icons'
import { App, Button, Popconfirm, Space, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../api/client'
import { type RevealField, revealParty } from '../api/estate'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

/**
 * A masked phone or ID number. Holders of pii.reveal may ask for the full value; the server audits
 * every reveal, so the person confirms first.
 */
export function MaskedValue({
  partyId,
  field,
  masked,
}: {
  partyId: string
  field: RevealField
  masked: string | null
}) {
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const [revealed, setRevealed] = useState<string | null | undefined>(undefined)
  const [loading, setLoading] = useState(false)

  if (masked === null) return <Typography.Text type="secondary">—</Typography.Text>
  if (revealed !== undefined) {
    return (
      <Tooltip title={t('pii.revealedHint')}>
        <Typography.Text copyable={revealed ? { text: revealed } : false} data-testid={`revealed-${field}`}>
          {revealed ?? '—'}
        </Typography.Text>
      </Tooltip>
    )
  }

  const reveal = async () => {
    setLoading(true)
    try {
      const { value } = await revealParty(partyId, field)
      setRevealed(value)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setLoading(false)
    }
  }

  return (
    <Space size={4}>
      <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{masked}</Typography.Text>
      {can('pii.reveal') ? (
        <Popconfirm
          title={t('pii.revealTitle')}
          description={t('pii.revealAudited')}
          okText={t('pii.reveal')}
          cancelText={t('common.cancel')}
          onConfirm={reveal}
        >
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={loading}
            data-testid={`reveal-${field}`}
          >
            {t('pii.reveal')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  )
}
