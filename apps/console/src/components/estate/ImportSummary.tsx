import type { ImportResult } from '@meihao/contracts'
import { Alert, Col, Row, Statistic, Table, type TableColumnsType } from 'antd'
import type { ImportRowError } from '../../api/estate'
import { useI18n } from '../../i18n/I18nProvider'

/** Counts of an import (dry run or real) and, when there are any, the bad rows. */
export function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useI18n()
  const columns: TableColumnsType<ImportRowError & { key: number }> = [
    { title: t('import.errorRow'), dataIndex: 'row', width: 90 },
    { title: t('import.errorColumn'), dataIndex: 'column', width: 160 },
    { title: t('import.errorReason'), dataIndex: 'reason' },
  ]
  const stats = [
    { key: 'rows', value: result.rows },
    { key: 'created', value: result.created },
    { key: 'updated', value: result.updated },
    { key: 'unchanged', value: result.unchanged },
    { key: 'errors', value: result.errors.length },
  ] as const
  return (
    <div data-testid="import-summary">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} sm={8} md={4}>
            <Statistic
              title={t(`import.count.${s.key}`)}
              value={s.value}
              data-testid={`import-count-${s.key}`}
              styles={s.key === 'errors' && s.value > 0 ? { content: { color: '#cf1322' } } : undefined}
            />
          </Col>
        ))}
      </Row>
      {result.errors.length > 0 ? (
        <>
          <Alert
            type="error"
            showIcon
            title={t('import.hasErrors', { count: result.errors.length })}
            style={{ marginBottom: 12 }}
          />
          <div data-testid="import-errors">
            <Table<ImportRowError & { key: number }>
              size="small"
              columns={columns}
              dataSource={result.errors.map((e, i) => ({ ...e, key: i }))}
              pagination={result.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              onRow={() => ({ 'data-testid': 'import-error-row' }) as React.HTMLAttributes<HTMLElement>}
            />
          </div>
        </>
      ) : (
        <Alert
          type="success"
          showIcon
          title={result.dryRun ? t('import.noErrorsDryRun') : t('import.noErrors')}
          data-testid="import-no-errors"
        />
      )}
    </div>
  )
}
