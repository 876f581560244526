import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons'
import type { ImportResult } from '@meihao/contracts'
import { App, Button, Card, Flex, Result, Space, Spin, Steps, Typography, Upload } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { ApiError } from '../api/client'
import { exportUrl, importTemplateUrl, importUnits } from '../api/estate'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { ImportSummary } from '../components/estate/ImportSummary'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

const ACCEPTED = ['.xlsx', '.csv']

/** 数据导入: choose a community and a spreadsheet, dry-run it, then commit when it is clean. */
export function ImportPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const [communityId, setCommunityId] = useState<string | null>(null)
  const [file, setFile] = useState<File | null>(null)
  const [dryRun, setDryRun] = useState<ImportResult | null>(null)
  const [committed, setCommitted] = useState<ImportResult | null>(null)
  const [busy, setBusy] = useState<'dryRun' | 'commit' | null>(null)
  const [error, setError] = useState<unknown>(null)

  const reset = () => {
    setFile(null)
    setDryRun(null)
    setCommitted(null)
    setError(null)
  }

  const run = async (mode: 'dryRun' | 'commit') => {
    if (!communityId || !file) return
    setBusy(mode)
    setError(null)
    try {
      const result = await importUnits(communityId, file, mode === 'dryRun')
      if (mode === 'dryRun') {
        setDryRun(result)
      } else if (result.errors.length > 0) {
        // The data changed since the dry run: show what the server found and require a new dry run.
        setDryRun(result)
      } else {
        setCommitted(result)
        message.success(t('import.done'))
      }
    } catch (e) {
      // A commit that meets bad rows (the data changed since the dry run) is refused whole with the
      // rows in details: show them as a dry run does, and require a new one.
      if (e instanceof ApiError && e.code === 'ESTATE_IMPORT_REJECTED' && isImportResult(e.details)) {
        setDryRun(e.details)
      } else {
        setError(e)
      }
    } finally {
      setBusy(null)
    }
  }

  const step = committed ? 2 : dryRun ? 1 : 0
  const canCommit =
    !!dryRun && dryRun.dryRun && dryRun.errors.length === 0 && dryRun.rows > 0 && busy === null

  return (
    <Card title={t('menu.import')} data-testid="import-page">
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('import.step.choose') },
          { title: t('import.step.check') },
          { title: t('import.step.done') },
        ]}
      />
      {committed ? (
        <Result
          status="success"
          title={t('import.done')}
          subTitle={t('import.doneSummary', {
            rows: committed.rows,
            created: committed.created,
            updated: committed.updated,
            unchanged: committed.unchanged,
          })}
          data-testid="import-done"
          extra={[
            <Button key="again" type="primary" onClick={() => reset()}>
              {t('import.again')}
            </Button>,
            <Link key="view" to={`/estate?community=${communityId}`}>
              <Button>{t('import.viewEstate')}</Button>
            </Link>,
          ]}
        />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Flex gap={12} wrap align="center">
            <Typography.Text>{t('import.community')}</Typography.Text>
            <CommunitySelect
              value={communityId}
              onChange={(id) => {
                setCommunityId(id)
                setDryRun(null)
                setError(null)
              }}
              testId="import-community"
              style={{ width: 320 }}
            />
            {communityId ? (
              <>
                <Button
                  icon={<FileExcelOutlined />}
                  type="link"
                  href={importTemplateUrl(communityId)}
                  data-testid="import-template"
                >
                  {t('import.template')}
                </Button>
                {can('estate.export') ? (
                  <Button
                    icon={<DownloadOutlined />}
                    href={exportUrl(communityId)}
                    data-testid="import-export"
                  >
                    {t('import.export')}
                  </Button>
                ) : null}
              </>
            ) : null}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('import.hint')}
          </Typography.Paragraph>
          <Upload
            accept={ACCEPTED.join(',')}
            maxCount={1}
            data-testid="import-file"
            fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size }] : []}
            beforeUpload={(chosen) => {
              const name = chosen.name.toLowerCase()
              if (!ACCEPTED.some((ext) => name.endsWith(ext))) {
                message.error(t('import.badType'))
                return Upload.LIST_IGNORE
              }
              setFile(chosen)
              setDryRun(null)
              setError(null)
              return false // keep the file here; it is sent by the buttons below
            }}
            onRemove={() => {
              setFile(null)
              setDryRun(null)
            }}
          >
            <Button icon={<UploadOutlined />}>{t('import.chooseFile')}</Button>
          </Upload>
          <Space wrap>
            <Button
              type={dryRun ? 'default' : 'primary'}
              disabled={!communityId || !file || busy !== null}
              loading={busy === 'dryRun'}
              onClick={() => run('dryRun')}
              data-testid="import-dry-run"
            >
              {t('import.dryRun')}
            </Button>
            <Button
              type="primary"
              disabled={!canCommit}
              loading={busy === 'commit'}
              onClick={() => run('commit')}
              data-testid="import-commit"
            >
              {t('import.commit')}
            </Button>
          </Space>
          <ErrorAlert error={error} />
          <Spin spinning={busy !== null}>{dryRun ? <ImportSummary result={dryRun} /> : null}</Spin>
        </Space>
      )}
    </Card>
  )
}

function isImportResult(value: unknown): value is ImportResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as ImportResult).errors)
}
