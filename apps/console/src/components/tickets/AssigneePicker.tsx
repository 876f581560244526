import type { Assignee } from '@meihao/contracts'
import { Empty, Flex, Radio, Spin, Tag, Typography, theme } from 'antd'
import { listAssignees } from '../../api/tickets'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'

/** Fewest open tickets first, then by name: the natural choice comes first. */
export const byLoad = (a: Assignee, b: Assignee) =>
  a.openTickets - b.openTickets || a.name.localeCompare(b.name, 'zh-CN')

/** Open tickets as a coloured count: 0–2 green, 3–5 orange, more red. */
export function LoadTag({ open }: { open: number }) {
  const { t } = useI18n()
  return (
    <Tag color={open <= 2 ? 'green' : open <= 5 ? 'orange' : 'red'} data-testid="assignee-load">
      {t('assignee.open', { count: open })}
    </Tag>
  )
}

/**
 * The technicians who may take tickets in the community, each with how many they have open, as one list
 * to pick from (a community has a handful, so a list beats a dropdown). `exclude`: the current assignee
 * when transferring.
 */
export function AssigneePicker({
  communityId,
  value,
  onChange,
  exclude,
  large = false,
}: {
  communityId: string
  value?: string | null
  onChange?: (id: string) => void
  exclude?: string | null
  large?: boolean
}) {
  const { t } = useI18n()
  const { token } = theme.useToken()
  const assignees = useAsync(() => listAssignees(communityId), [communityId])
  const list = (assignees.data ?? []).filter((a) => a.id !== exclude).sort(byLoad)
  return (
    <Spin spinning={assignees.loading}>
      <ErrorAlert error={assignees.error} onRetry={assignees.reload} />
      {list.length === 0 && !assignees.loading && !assignees.error ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assignee.none')} />
      ) : (
        <Radio.Group
          value={value ?? undefined}
          onChange={(e) => onChange?.(e.target.value as string)}
          style={{ width: '100%' }}
          data-testid="assignee-picker"
        >
          <Flex vertical gap={4} style={{ maxHeight: 320, overflowY: 'auto' }}>
            {list.map((a) => (
              <Radio
                key={a.id}
                value={a.id}
                data-testid="assignee-option"
                data-assignee-id={a.id}
                data-assignee-name={a.name}
                style={{
                  padding: large ? '12px 8px' : '6px 8px',
                  borderRadius: token.borderRadius,
                  border: `1px solid ${value === a.id ? token.colorPrimary : token.colorBorderSecondary}`,
                  width: '100%',
                }}
              >
                <Flex gap={8} align="center">
                  <Typography.Text strong>{a.name}</Typography.Text>
                  <LoadTag open={a.openTickets} />
                </Flex>
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      )}
    </Spin>
  )
}
