import type { TopicResult } from '@meihao/contracts'
import { Space, Tag } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'

/** 通过 / 未通过 / 参与不足无效, with whether participation reached 2/3 of heads and area. */
export function OutcomeTags({ result, testId }: { result: TopicResult; testId?: string }) {
  const { t } = useI18n()
  const outcome = result.passed ? 'passed' : result.quorumMet ? 'failed' : 'invalid'
  const color = { passed: 'green', failed: 'red', invalid: 'orange' }[outcome]
  return (
    <Space size={4} wrap>
      <Tag color={color} data-testid={testId} data-outcome={outcome}>
        {t(`result.${outcome}`)}
      </Tag>
      <Tag>{result.quorumMet ? t('result.quorumMet') : t('result.quorumNotMet')}</Tag>
    </Space>
  )
}
