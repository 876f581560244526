import {
  type PhotoInput,
  TICKET_KINDS,
  TICKET_PRIORITIES,
  type TicketInput,
  type TicketKind,
  type TicketPriority,
} from '@meihao/contracts'
import { Col, Divider, Form, Input, Radio, Row, Select } from 'antd'
import { cachedCategories } from '../../api/tickets'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { CommunitySelect } from '../CommunitySelect'
import { browserOffset, localToIso } from '../governance/datetime'
import { CategorySelect } from './CategorySelect'
import { categoriesFor, categoryPath } from './categoryTree'
import { PhotoPicker } from './PhotoPicker'
import { HOME_KINDS, STAFF_CHANNELS, type StaffChannel } from './ticketValues'
import { UnitSearchSelect } from './UnitSearchSelect'

type Place = 'unit' | 'spot'

export interface TicketValues {
  communityId?: string
  channel: StaffChannel
  kind: TicketKind
  categoryId?: string
  priority: TicketPriority
  place: Place
  unitId?: string
  buildingId?: string
  spot?: string
  title?: string
  description?: string
  contactName?: string
  contactPhone?: string
  preferredFrom?: string
  preferredTo?: string
  photos: PhotoInput[]
}

/** A repair needs to know where: the unit for an in-home repair, the spot for common areas and hazards. */
const placeRequired = (kind: TicketKind) =>
  kind === 'repair_home' || kind === 'repair_common' || kind === 'hazard'

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/

const orNull = (text: string | undefined) => (text?.trim() ? text.trim() : null)

export function toTicketInput(values: TicketValues): TicketInput {
  const atUnit = values.place === 'unit'
  return {
    communityId: values.communityId!,
    channel: values.channel,
    kind: values.kind,
    categoryId: values.categoryId!,
    priority: values.priority,
    title: values.title!.trim(),
    description: values.description?.trim() ?? '',
    unitId: atUnit ? (values.unitId ?? null) : null,
    buildingId: atUnit ? (values.buildingId ?? null) : null,
    spot: atUnit ? null : orNull(values.spot),
    contactName: orNull(values.contactName),
    contactPhone: orNull(values.contactPhone),
    preferredFrom: localToIso(values.preferredFrom),
    preferredTo: localToIso(values.preferredTo),
    photos: values.photos,
  }
}

/**
 * 登记工单: a request taken by phone, at the desk or on patrol. Mounted fresh on every opening; submitted
 * by id from the drawer's footer.
 */
export function TicketForm({
  formId,
  communityId,
  onSubmit,
}: {
  formId: string
  communityId: string | null
  onSubmit: (input: TicketInput) => void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<TicketValues>()
  const categories = useAsync(cachedCategories, [])
  const kind = Form.useWatch('kind', form) ?? 'repair_home'
  const place = Form.useWatch('place', form) ?? 'unit'
  const community = Form.useWatch('communityId', form) ?? null

  const onValuesChange = (changed: Partial<TicketValues>) => {
    if (changed.kind) {
      // The place follows the kind; a category not offered for the new kind is cleared.
      form.setFieldValue('place', HOME_KINDS.includes(changed.kind) ? 'unit' : 'spot')
      const offered = categoriesFor(categories.data ?? [], changed.kind).map((c) => c.id)
      if (!offered.includes(form.getFieldValue('categoryId'))) form.setFieldValue('categoryId', undefined)
    }
    if (changed.communityId !== undefined) form.setFieldsValue({ unitId: undefined, buildingId: undefined })
    // The category names the request until someone types a title.
    if (changed.categoryId && !form.getFieldValue('title')?.trim()) {
      form.setFieldValue('title', categoryPath(categories.data ?? [], changed.categoryId).slice(0, 100))
    }
  }

  const required = placeRequired(kind)
  return (
    <Form<TicketValues>
      id={formId}
      form={form}
      layout="vertical"
      initialValues={{
        communityId: communityId ?? undefined,
        channel: 'phone',
        kind: 'repair_home',
        priority: 'normal',
        place: 'unit',
        photos: [],
      }}
      onValuesChange={onValuesChange}
      onFinish={(values) => onSubmit(toTicketInput(values))}
      data-testid="ticket-form"
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="communityId"
            label={t('ticket.community')}
            rules={[{ required: true, message: t('ticket.communityRequired') }]}
          >
            <CommunitySelect testId="ticket-form-community" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="channel" label={t('ticket.channel')}>
            <Radio.Group
              optionType="button"
              data-testid="ticket-form-channel"
              options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`ticketChannel.${c}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('ticket.kind')}>
            <Select<TicketKind>
              data-testid="ticket-form-kind"
              options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKind.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="categoryId"
            label={t('ticket.category')}
            rules={[{ required: true, message: t('ticket.categoryRequired') }]}
          >
            <CategorySelect kind={kind} testId="ticket-form-category" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="priority" label={t('ticket.priority')}>
            <Select<TicketPriority>
              data-testid="ticket-form-priority"
              options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`ticketPriority.${p}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('ticket.location')}</Divider>
      <Form.Item name="place">
        <Radio.Group
          data-testid="ticket-form-place"
          options={[
            { value: 'unit', label: t('ticket.placeUnit') },
            { value: 'spot', label: t('ticket.placeSpot') },
          ]}
        />
      </Form.Item>
      {place === 'unit' ? (
        <>
          <Form.Item
            name="unitId"
            label={t('ticket.unit')}
            rules={[{ required, message: t('ticket.unitRequired') }]}
            getValueFromEvent={(unit: { id: string } | null) => unit?.id}
          >
            <UnitSearchSelect
              communityId={community}
              testId="ticket-form-unit"
              onChange={(unit) => form.setFieldValue('buildingId', unit?.buildingId)}
            />
          </Form.Item>
          <Form.Item name="buildingId" hidden>
            <Input />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name="spot"
          label={t('ticket.spot')}
          extra={t('ticket.spotHint')}
          rules={[{ required, whitespace: true, message: t('ticket.spotRequired') }, { max: 100 }]}
        >
          <Input maxLength={100} placeholder={t('ticket.spotPlaceholder')} data-testid="ticket-form-spot" />
        </Form.Item>
      )}

      <Divider titlePlacement="start">{t('ticket.content')}</Divider>
      <Form.Item
        name="title"
        label={t('ticket.title')}
        rules={[{ required: true, whitespace: true, message: t('ticket.titleRequired') }, { max: 100 }]}
      >
        <Input maxLength={100} data-testid="ticket-form-title" />
      </Form.Item>
      <Form.Item name="description" label={t('ticket.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          showCount
          data-testid="ticket-form-description"
        />
      </Form.Item>
      <Form.Item name="photos" label={t('ticket.photos')}>
        <PhotoPicker testId="ticket-form-photos" />
      </Form.Item>

      <Divider titlePlacement="start">{t('ticket.contactSection')}</Divider>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label={t('ticket.contactName')} rules={[{ max: 50 }]}>
            <Input maxLength={50} data-testid="ticket-form-contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="contactPhone"
            label={t('ticket.contactPhone')}
            rules={[{ pattern: PHONE, message: t('ticket.contactPhoneInvalid') }]}
          >
            <Input inputMode="tel" maxLength={20} data-testid="ticket-form-contact-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="preferredFrom"
            label={t('ticket.preferredFrom')}
            extra={t('decision.timeZoneHint', { offset: browserOffset() })}
          >
            <Input type="datetime-local" data-testid="ticket-form-preferred-from" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="preferredTo"
            label={t('ticket.preferredTo')}
            dependencies={['preferredFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const from = getFieldValue('preferredFrom') as string | undefined
                  return value && from && value <= from
                    ? Promise.reject(new Error(t('ticket.preferredOrder')))
                    : Promise.resolve()
                },
              }),
            ]}
          >
            <Input type="datetime-local" data-testid="ticket-form-preferred-to" />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  )
}
