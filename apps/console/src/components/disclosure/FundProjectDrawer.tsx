import type { Apportionment } from '@meihao/contracts'
import { Alert, Col, Form, Input, Radio, Row, Select } from 'antd'
import { createFundProject, EMERGENCY_CATEGORIES, type EmergencyCategory } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { FormDrawer } from '../FormDrawer'
import { BuildingMultiSelect } from './BuildingMultiSelect'
import { DecisionTopicFields } from './DecisionTopicFields'
import { FUND_USE_ITEMS } from './disclosureValues'
import { UnitMultiSelect } from './UnitMultiSelect'
import { yuanRules } from './yuanRules'

const FORM_ID = 'fund-project-form'

interface ProjectValues {
  title?: string
  description?: string
  buildingIds?: string[]
  unitIds?: string[]
  cost?: string
  approval: 'decision' | 'emergency'
  emergencyCategory?: EmergencyCategory
  decisionId?: string
  topicId?: string
}

/**
 * 新建使用项目: a repair or renewal of common parts paid from the fund, apportioned among the benefiting
 * units by exclusive area (民法典 283). Approved by the owners concerned (a passed topic of 278 item 五), or
 * an emergency that skips the vote (上海 第73条), within the city's cap. Nothing is paid until it is settled.
 */
export function FundProjectDrawer({
  open,
  communityId,
  onClose,
  onCreated,
}: {
  open: boolean
  communityId: string
  onClose: () => void
  onCreated: (apportionment: Apportionment) => void
}) {
  const { t } = useI18n()
  const saving = useAction()
  const submit = (v: ProjectValues) =>
    saving.run(async () => {
      const emergency = v.approval === 'emergency'
      onCreated(
        await createFundProject({
          communityId,
          title: v.title?.trim() ?? '',
          description: v.description?.trim() ?? '',
          buildingIds: v.buildingIds ?? [],
          unitIds: v.unitIds ?? [],
          costFen: yuanToFen(v.cost)!,
          emergencyCategory: emergency ? (v.emergencyCategory ?? null) : null,
          decisionId: emergency ? null : (v.decisionId?.trim() ?? null),
          topicId: emergency ? null : (v.topicId?.trim() ?? null),
        }),
      )
    })
  return (
    <FormDrawer
      open={open}
      title={t('fund.projectCreateTitle')}
      size={680}
      formId={FORM_ID}
      submitText={t('fund.projectCreateSubmit')}
      testId="fund-project-drawer"
      submitTestId="fund-project-submit"
      action={saving}
      onClose={onClose}
    >
      <ProjectForm communityId={communityId} onSubmit={submit} />
    </FormDrawer>
  )
}

function ProjectForm({
  communityId,
  onSubmit,
}: {
  communityId: string
  onSubmit: (v: ProjectValues) => void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<ProjectValues>()
  const approval = Form.useWatch('approval', form) ?? 'decision'
  const needsBenefiting = {
    validator: () => {
      const buildings = (form.getFieldValue('buildingIds') as string[] | undefined) ?? []
      const units = (form.getFieldValue('unitIds') as string[] | undefined) ?? []
      return buildings.length + units.length > 0
        ? Promise.resolve()
        : Promise.reject(new Error(t('fund.benefitingRequired')))
    },
  }
  return (
    <Form<ProjectValues>
      id={FORM_ID}
      form={form}
      layout="vertical"
      initialValues={{ approval: 'decision', buildingIds: [], unitIds: [] }}
      onFinish={onSubmit}
      data-testid="fund-project-form"
    >
      <Form.Item
        name="title"
        label={t('fund.projectTitle')}
        rules={[{ required: true, whitespace: true, message: t('fund.projectTitleRequired') }, { max: 200 }]}
      >
        <Input
          maxLength={200}
          placeholder={t('fund.projectTitlePlaceholder')}
          data-testid="fund-project-title"
        />
      </Form.Item>
      <Form.Item name="description" label={t('fund.projectDescription')} rules={[{ max: 20_000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="fund-project-description" />
      </Form.Item>
      <Form.Item
        name="buildingIds"
        label={t('fund.benefitingBuildings')}
        dependencies={['unitIds']}
        rules={[needsBenefiting]}
      >
        <BuildingMultiSelect communityId={communityId} testId="fund-project-buildings" />
      </Form.Item>
      <Form.Item name="unitIds" label={t('fund.benefitingUnits')} extra={t('fund.benefitingHint')}>
        <UnitMultiSelect communityId={communityId} testId="fund-project-units" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="cost" label={t('fund.costYuan')} rules={yuanRules(t)}>
            <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid="fund-project-cost" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="approval" label={t('fund.approval')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'decision', label: t('fund.byDecision') },
            { value: 'emergency', label: t('fund.emergency') },
          ]}
          data-testid="fund-project-approval"
        />
      </Form.Item>
      {approval === 'emergency' ? (
        <>
          <Alert type="warning" showIcon title={t('fund.emergencyHint')} style={{ marginBottom: 16 }} />
          <Form.Item
            name="emergencyCategory"
            label={t('fund.emergencyCategory')}
            rules={[{ required: true, message: t('fund.emergencyCategoryRequired') }]}
          >
            <Select
              virtual={false}
              options={EMERGENCY_CATEGORIES.map((c) => ({
                value: c,
                label: <span data-testid={`fund-emergency-${c}`}>{t(`emergencyCategory.${c}`)}</span>,
              }))}
              data-testid="fund-project-emergency"
            />
          </Form.Item>
        </>
      ) : (
        <DecisionTopicFields communityId={communityId} items={FUND_USE_ITEMS} testIdPrefix="fund-project" />
      )}
    </Form>
  )
}
