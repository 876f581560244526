import { DownloadOutlined, SearchOutlined } from '@ant-design/icons'
import { Button, Card, Col, Empty, Input, Row, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { exportUrl, listCommunities, listUnits } from '../api/estate'
import { ErrorAlert } from '../components/ErrorAlert'
import { BuildingPanel } from '../components/estate/BuildingPanel'
import { CommunityPanel } from '../components/estate/CommunityPanel'
import { UnitsTable } from '../components/estate/UnitsTable'
import { LoadMore } from '../components/LoadMore'
import { useCursorList } from '../hooks/useCursorList'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

/**
 * 房屋档案: communities → buildings → units. The selection lives in the address
 * (?community=…&building=…&q=…) so going back from a unit page restores it.
 */
export function EstatePage() {
  const { t } = useI18n()
  const { can } = useSession()
  const [params, setParams] = useSearchParams()
  const communityId = params.get('community')
  const buildingId = params.get('building')
  const q = params.get('q')?.trim() ?? ''
  const communities = useCursorList((cursor) => listCommunities(cursor), [])
  const communityName = communities.items.find((c) => c.id === communityId)?.name
  const [search, setSearch] = useState(q)
  useEffect(() => setSearch(q), [q])

  const update = (next: { community?: string | null; building?: string | null; q?: string | null }) => {
    const merged = new URLSearchParams(params)
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value)
      else merged.delete(key)
    }
    // Picking a community is a new history entry; refining within it replaces the entry.
    setParams(merged, { replace: next.community === undefined })
  }

  const units = useCursorList(
    (cursor) =>
      listUnits(
        q
          ? { communityId: communityId!, q, cursor }
          : buildingId
            ? { buildingId, cursor }
            : { communityId: communityId!, cursor },
      ),
    [communityId, buildingId, q],
    communityId !== null,
  )

  return (
    <Row gutter={16}>
      <Col xs={24} md={8} xl={5}>
        <CommunityPanel
          list={communities}
          selectedId={communityId}
          onSelect={(c) => update({ community: c.id, building: null, q: null })}
        />
      </Col>
      <Col xs={24} md={16} xl={5}>
        {communityId ? (
          <BuildingPanel
            communityId={communityId}
            selectedId={buildingId}
            onSelect={(id) => update({ building: id, q: null })}
          />
        ) : (
          <Card size="small" title={t('estate.buildings')}>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('estate.pickCommunity')} />
          </Card>
        )}
      </Col>
      <Col xs={24} xl={14}>
        <Card
          size="small"
          title={
            <Space>
              <span>{t('estate.units')}</span>
              {communityName ? <Typography.Text type="secondary">{communityName}</Typography.Text> : null}
            </Space>
          }
          extra={
            communityId && can('estate.export') ? (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                href={exportUrl(communityId)}
                data-testid="estate-export"
              >
                {t('import.export')}
              </Button>
            ) : null
          }
        >
          {communityId ? (
            <>
              <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
                <Input
                  allowClear
                  value={search}
                  onChange={(e) => {
                    setSearch(e.target.value)
                    if (e.target.value === '' && q) update({ q: null }) // the clear button ends the search
                  }}
                  onPressEnter={() => update({ q: search.trim() || null, building: null })}
                  placeholder={t('estate.searchPlaceholder')}
                  maxLength={50}
                  data-testid="unit-search"
                />
                <Button
                  type="primary"
                  icon={<SearchOutlined />}
                  onClick={() => update({ q: search.trim() || null, building: null })}
                  data-testid="unit-search-submit"
                >
                  {t('common.search')}
                </Button>
              </Space.Compact>
              {q ? (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('estate.searchScope', { q })}
                </Typography.Paragraph>
              ) : null}
              <ErrorAlert error={units.error} onRetry={units.reload} />
              <UnitsTable units={units.items} loading={units.loading} />
              <LoadMore
                hasMore={units.hasMore}
                loading={units.loadingMore}
                onClick={units.loadMore}
                testId="unit-load-more"
              />
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('estate.pickCommunity')} />
          )}
        </Card>
      </Col>
    </Row>
  )
}
