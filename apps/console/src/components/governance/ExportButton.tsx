import { DownloadOutlined } from '@ant-design/icons'
import { Button, Space, Typography } from 'antd'
import { getExport } from '../../api/governance'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'

/** Saves a JSON string as a file in the browser. */
function saveJson(fileName: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** 导出数据包 (decision-<id>.json), which `meihao tally FILE.json` re-tallies offline. */
export function ExportButton({ decisionId, disabled }: { decisionId: string; disabled: boolean }) {
  const { t } = useI18n()
  const { busy, error, run } = useAction()

  const download = () => run(async () => saveJson(`decision-${decisionId}.json`, await getExport(decisionId)))

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        disabled={disabled}
        onClick={download}
        data-testid="decision-export"
      >
        {t('chain.export')}
      </Button>
      {disabled ? (
        <Typography.Text type="secondary">{t('chain.exportOnlyClosed')}</Typography.Text>
      ) : (
        <Typography.Text type="secondary">
          {t('chain.exportHint')}{' '}
          <Typography.Text code copyable>{`meihao tally decision-${decisionId}.json`}</Typography.Text>
        </Typography.Text>
      )}
      <ErrorAlert error={error} />
    </Space>
  )
}
