import { FileAddOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import type { Disclosure, DisclosureType } from '@meihao/contracts'
import { DISCLOSURE_TYPES } from '@meihao/contracts'
import { App, Button, Card, Flex, Popconfirm, Select } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import {
  type DisclosureStatus,
  getCompleteness,
  listDisclosures,
  publishDisclosure,
  publishFeeStandards,
} from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { CompletenessPanel } from './CompletenessPanel'
import { CorrectionDrawer } from './CorrectionDrawer'
import { DisclosureDrawer } from './DisclosureDrawer'
import { DisclosureTable } from './DisclosureTable'

const STATUSES: readonly DisclosureStatus[] = ['draft', 'published', 'superseded']

/**
 * The disclosure set of one community: how complete it is under the city's cadences, then every item
 * (drafts, what is up, superseded versions) with drafting, publishing and correcting for disclosure.manage.
 */
export function DisclosureItemsTab({ communityId, manage }: { communityId: string; manage: boolean }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const completeness = useAsync(() => getCompleteness(communityId), [communityId])
  const items = useAsync(() => listDisclosures(communityId), [communityId])
  const [status, setStatus] = useState<DisclosureStatus | null>(null)
  const [type, setType] = useState<DisclosureType | null>(null)
  const [editing, setEditing] = useState<{ item: Disclosure | null } | null>(null)
  const [correcting, setCorrecting] = useState<Disclosure | null>(null)
  const [publishing, setPublishing] = useState<string | null>(null)
  const action = useAction()

  const refresh = () => {
    items.reload()
    completeness.reload()
  }

  const publish = (item: Disclosure) =>
    action.run(async () => {
      setPublishing(item.id)
      try {
        await publishDisclosure(item.id)
        message.success(t('disclosure.published', { title: item.title }))
        refresh()
      } finally {
        setPublishing(null)
      }
    })

  const publishFees = () =>
    action.run(async () => {
      const item = await publishFeeStandards(communityId)
      message.success(t('disclosure.feeStandardsPublished', { version: item.version }))
      refresh()
    })

  const shown = (items.data ?? []).filter(
    (d) => (!status || d.status === status) && (!type || d.type === type),
  )
  return (
    <Flex vertical gap={16}>
      <CompletenessPanel completeness={completeness} />
      <Card
        size="small"
        title={t('disclosure.listTitle')}
        extra={
          <Flex gap={8} wrap>
            {manage ? (
              <>
                <Popconfirm
                  title={t('disclosure.feeStandardsConfirm')}
                  description={t('disclosure.feeStandardsHint')}
                  okText={t('disclosure.publish')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ 'data-testid': 'disclosure-fee-standards-confirm' }}
                  onConfirm={() => publishFees()}
                >
                  <Button icon={<FileAddOutlined />} data-testid="disclosure-fee-standards">
                    {t('disclosure.publishFeeStandards')}
                  </Button>
                </Popconfirm>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ item: null })}
                  data-testid="disclosure-create"
                >
                  {t('disclosure.create')}
                </Button>
              </>
            ) : null}
            <Button
              type="text"
              icon={<ReloadOutlined />}
              onClick={refresh}
              aria-label={t('desk.refresh')}
              data-testid="disclosure-reload"
            />
          </Flex>
        }
      >
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Select<DisclosureStatus>
            allowClear
            value={status ?? undefined}
            onChange={(v?: DisclosureStatus) => setStatus(v ?? null)}
            placeholder={t('disclosure.allStatuses')}
            options={STATUSES.map((s) => ({ value: s, label: t(`disclosureStatus.${s}`) }))}
            style={{ width: 160 }}
            data-testid="disclosure-filter-status"
          />
          <Select<DisclosureType>
            allowClear
            value={type ?? undefined}
            onChange={(v?: DisclosureType) => setType(v ?? null)}
            placeholder={t('disclosure.allTypes')}
            options={DISCLOSURE_TYPES.map((k) => ({ value: k, label: t(`disclosureType.${k}`) }))}
            style={{ width: 220 }}
            data-testid="disclosure-filter-type"
          />
        </Flex>
        <ErrorAlert error={items.error} onRetry={items.reload} />
        <ErrorAlert error={action.error} />
        <DisclosureTable
          items={shown}
          loading={items.loading}
          manage={manage}
          publishing={publishing}
          onEdit={(item) => setEditing({ item })}
          onPublish={(item) => void publish(item)}
          onCorrect={setCorrecting}
        />
      </Card>
      <DisclosureDrawer
        open={editing !== null}
        communityId={communityId}
        item={editing?.item ?? null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          const created = editing?.item === null
          setEditing(null)
          message.success(created ? t('disclosure.draftCreated') : t('common.saved'))
          if (created) navigate(`/disclosure/items/${saved.id}`)
          else refresh()
        }}
      />
      <CorrectionDrawer
        item={correcting}
        onClose={() => setCorrecting(null)}
        onCorrected={(next) => {
          setCorrecting(null)
          message.success(t('disclosure.corrected', { version: next.version }))
          refresh()
        }}
      />
    </Flex>
  )
}
