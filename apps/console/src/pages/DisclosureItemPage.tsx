import type { Disclosure } from '@meihao/contracts'
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Space, Table, Typography } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { disclosureAttachmentUrl, getDisclosure, publishDisclosure } from '../api/disclosure'
import { BackLink, DetailPage } from '../components/DetailPage'
import { AttachmentLinks } from '../components/disclosure/AttachmentLinks'
import { CorrectionDrawer } from '../components/disclosure/CorrectionDrawer'
import { DisclosureDrawer } from '../components/disclosure/DisclosureDrawer'
import { mayCorrect, PeriodText } from '../components/disclosure/DisclosureTable'
import { DisclosureStatusTag } from '../components/disclosure/DisclosureTags'
import { GeneratedContent } from '../components/disclosure/GeneratedContent'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAction } from '../hooks/useAction'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

type Version = Disclosure['history'][number]

/** The other versions of the item, newest first: each opens, superseded ones included. */
function VersionHistory({ item }: { item: Disclosure }) {
  const { t, lang } = useI18n()
  const rows: Version[] = [
    {
      id: item.id,
      version: item.version,
      publishedAt: item.publishedAt,
      correctionNote: item.correctionNote,
    },
    ...item.history,
  ].sort((a, b) => b.version - a.version)
  return (
    <Card size="small" title={t('disclosure.history')}>
      <Table<Version>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        data-testid="disclosure-history"
        onRow={(v) =>
          ({
            'data-testid': 'disclosure-history-row',
            'data-version': v.version,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('disclosure.version'),
            dataIndex: 'version',
            render: (_, v) =>
              v.id === item.id ? (
                <Typography.Text strong>
                  {t('disclosure.versionNo', { version: v.version })} · {t('disclosure.thisVersion')}
                </Typography.Text>
              ) : (
                <Link to={`/disclosure/items/${v.id}`} data-testid="disclosure-history-link">
                  {t('disclosure.versionNo', { version: v.version })}
                </Link>
              ),
          },
          {
            title: t('disclosure.publishedAt'),
            dataIndex: 'publishedAt',
            render: (_, v) =>
              v.publishedAt ? formatDateTime(lang, v.publishedAt) : t('disclosureStatus.draft'),
          },
          {
            title: t('disclosure.correctionNote'),
            dataIndex: 'correctionNote',
            render: (_, v) => v.correctionNote ?? '—',
          },
        ]}
      />
    </Card>
  )
}

function ItemFacts({ item }: { item: Disclosure }) {
  const { t, lang } = useI18n()
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="disclosure-facts">
      <Descriptions.Item label={t('disclosure.community')}>{item.communityName}</Descriptions.Item>
      <Descriptions.Item label={t('disclosure.type')}>{t(`disclosureType.${item.type}`)}</Descriptions.Item>
      <Descriptions.Item label={t('disclosure.status')}>
        <DisclosureStatusTag status={item.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('disclosure.version')}>
        {t('disclosure.versionNo', { version: item.version })}
      </Descriptions.Item>
      <Descriptions.Item label={t('disclosure.period')}>
        <PeriodText from={item.periodFrom} to={item.periodTo} />
      </Descriptions.Item>
      <Descriptions.Item label={t('disclosure.publishedAt')}>
        {item.publishedAt ? formatDateTime(lang, item.publishedAt) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('disclosure.displayUntil')}>{item.displayUntil ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('disclosure.minDisplayDays')}>
        {t('disclosure.days', { days: item.minDisplayDays })}
      </Descriptions.Item>
      {item.supersededAt ? (
        <Descriptions.Item label={t('disclosure.supersededAt')}>
          {formatDateTime(lang, item.supersededAt)}
        </Descriptions.Item>
      ) : null}
      {item.correctionNote ? (
        <Descriptions.Item label={t('disclosure.correctionNote')}>{item.correctionNote}</Descriptions.Item>
      ) : null}
    </Descriptions>
  )
}

/**
 * One disclosure: its facts, text, files and — for the generated ones — the figures as tables, with every
 * other version (a correction keeps the old one readable). Drafts are edited and published here; a
 * published item typed by a person is corrected.
 */
export function DisclosureItemPage() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const item = useAsync(() => getDisclosure(id), [id])
  const [editing, setEditing] = useState(false)
  const [correcting, setCorrecting] = useState(false)
  const publishing = useAction()
  const manage = can('disclosure.manage')

  const publish = (d: Disclosure) =>
    publishing.run(async () => {
      const published = await publishDisclosure(d.id)
      message.success(t('disclosure.published', { title: published.title }))
      item.reload()
    })

  return (
    <DetailPage
      testId="disclosure-item-page"
      section={{ to: '/disclosure', label: t('menu.disclosureItems') }}
      record={item}
      crumbs={(d) => [
        { title: <Link to={`/disclosure?community=${d.communityId}`}>{d.communityName}</Link> },
        { title: d.title },
      ]}
    >
      {(d) => (
        <Flex vertical gap={16}>
          <Card
            title={
              <Space>
                <BackLink to={`/disclosure?community=${d.communityId}`} />
                <span data-testid="disclosure-item-title">{d.title}</span>
              </Space>
            }
            extra={
              manage ? (
                <Space wrap>
                  {d.status === 'draft' ? (
                    <>
                      <Button onClick={() => setEditing(true)} data-testid="disclosure-item-edit">
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('disclosure.publishConfirm', { title: d.title })}
                        description={t('disclosure.publishConfirmHint')}
                        okText={t('disclosure.publish')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ 'data-testid': 'disclosure-item-publish-confirm' }}
                        onConfirm={() => publish(d)}
                      >
                        <Button
                          type="primary"
                          loading={publishing.busy}
                          data-testid="disclosure-item-publish"
                        >
                          {t('disclosure.publish')}
                        </Button>
                      </Popconfirm>
                    </>
                  ) : null}
                  {mayCorrect(d) ? (
                    <Button onClick={() => setCorrecting(true)} data-testid="disclosure-item-correct">
                      {t('disclosure.correct')}
                    </Button>
                  ) : null}
                </Space>
              ) : null
            }
          >
            <Flex vertical gap={16}>
              {d.status === 'superseded' ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('disclosure.supersededHint')}
                  data-testid="disclosure-superseded"
                />
              ) : null}
              {d.status === 'draft' ? <Alert type="info" showIcon title={t('disclosure.draftHint')} /> : null}
              <ErrorAlert error={publishing.error} />
              <ItemFacts item={d} />
              {d.body ? (
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-wrap', margin: 0 }}
                  data-testid="disclosure-body-text"
                >
                  {d.body}
                </Typography.Paragraph>
              ) : null}
              <div>
                <Typography.Text strong>{t('disclosure.attachments')}</Typography.Text>
                <AttachmentLinks
                  files={d.attachments}
                  urlOf={(sha) => disclosureAttachmentUrl(d.id, sha)}
                  testId="disclosure-attachments-list"
                />
              </div>
            </Flex>
          </Card>
          <GeneratedContent item={d} />
          <VersionHistory item={d} />
          <DisclosureDrawer
            open={editing}
            communityId={d.communityId}
            item={d}
            onClose={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false)
              message.success(t('common.saved'))
              item.setData(() => ({ ...saved, history: d.history }))
            }}
          />
          <CorrectionDrawer
            item={correcting ? d : null}
            onClose={() => setCorrecting(false)}
            onCorrected={(next) => {
              setCorrecting(false)
              message.success(t('disclosure.corrected', { version: next.version }))
              navigate(`/disclosure/items/${next.id}`)
            }}
          />
        </Flex>
      )}
    </DetailPage>
  )
}
