import { PlusOutlined } from '@ant-design/icons'
import { TICKET_KINDS, type TicketCategory, type TicketKind } from '@meihao/contracts'
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { createCategory, forgetCategories, listCategories, updateCategory } from '../../api/tickets'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { type CategoryNode, categoryTree } from './categoryTree'

const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/
const FORM_ID = 'category-form'

interface CategoryValues {
  code?: string
  name?: string
  kinds: TicketKind[]
  sort: number
}

/** What the dialog edits: a new category (under a parent or at the top) or an existing one. */
type Editing = { mode: 'create'; parent: TicketCategory | null } | { mode: 'edit'; category: TicketCategory }

/**
 * 分类: the company's category tree (水电 › 漏水 …). Categories are never deleted — tickets refer to them — but
 * deactivated, which takes them off the pickers.
 */
export function CategoryEditor() {
  const { t } = useI18n()
  const { message } = App.useApp()
  const categories = useAsync(listCategories, [])
  const [editing, setEditing] = useState<Editing | null>(null)
  const toggling = useAction()
  const [form] = Form.useForm<CategoryValues>()
  const saving = useAction()

  const changed = () => {
    forgetCategories()
    categories.reload()
  }

  const toggle = async (c: TicketCategory) => {
    const next = await toggling.run(() => updateCategory(c.id, { active: !c.active }))
    if (next) {
      message.success(next.active ? t('category.activated') : t('category.deactivated'))
      changed()
    }
  }

  const openEditor = (next: Editing) => {
    setEditing(next)
    form.resetFields()
    form.setFieldsValue(
      next.mode === 'edit'
        ? { name: next.category.name, kinds: next.category.kinds, sort: next.category.sort }
        : { code: '', name: '', kinds: next.parent?.kinds ?? ['repair_home'], sort: 0 },
    )
  }

  const submit = (values: CategoryValues) =>
    saving.run(async () => {
      if (!editing) return
      const name = values.name?.trim() ?? ''
      if (editing.mode === 'edit') {
        await updateCategory(editing.category.id, { name, kinds: values.kinds, sort: values.sort })
      } else {
        await createCategory({
          parentId: editing.parent?.id ?? null,
          code: values.code?.trim() ?? '',
          name,
          kinds: values.kinds,
          sort: values.sort,
        })
      }
      message.success(t('common.saved'))
      setEditing(null)
      changed()
    })

  const columns: TableColumnsType<CategoryNode> = [
    {
      title: t('category.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <Typography.Text delete={!c.active} type={c.active ? undefined : 'secondary'}>
          {c.name}
        </Typography.Text>
      ),
    },
    {
      title: t('category.code'),
      dataIndex: 'code',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('category.kinds'),
      dataIndex: 'kinds',
      render: (_, c) => (
        <Space size={[0, 4]} wrap>
          {c.kinds.map((k) => (
            <Tag key={k}>{t(`ticketKind.${k}`)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('category.sort'), dataIndex: 'sort', align: 'right' },
    {
      title: t('category.state'),
      dataIndex: 'active',
      render: (_, c) =>
        c.active ? <Tag color="green">{t('category.active')}</Tag> : <Tag>{t('category.inactive')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => openEditor({ mode: 'create', parent: c })}
            data-testid="category-add-child"
          >
            {t('category.addChild')}
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => openEditor({ mode: 'edit', category: c })}
            data-testid="category-edit"
          >
            {t('common.edit')}
          </Button>
          {c.active ? (
            <Popconfirm
              title={t('category.deactivateConfirm', { name: c.name })}
              description={t('category.deactivateHint')}
              okText={t('category.deactivate')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'category-toggle-confirm' }}
              onConfirm={() => toggle(c)}
            >
              <Button type="link" size="small" danger data-testid="category-toggle">
                {t('category.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => void toggle(c)} data-testid="category-toggle">
              {t('category.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ]

  const tree = categoryTree(categories.data ?? [])
  return (
    <div data-testid="category-editor">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => openEditor({ mode: 'create', parent: null })}
          data-testid="category-add"
        >
          {t('category.add')}
        </Button>
        <Typography.Text type="secondary">{t('category.hint')}</Typography.Text>
      </Space>
      <ErrorAlert error={categories.error ?? toggling.error} onRetry={categories.reload} />
      <Table<CategoryNode>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tree}
        loading={categories.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ defaultExpandAllRows: true }}
        key={tree.length === 0 ? 'empty' : 'tree'} // expand all once the rows are there
        locale={{ emptyText: t('category.empty') }}
        onRow={(c) => ({ 'data-testid': `category-row-${c.code}` }) as HTMLAttributes<HTMLElement>}
      />
      <Modal
        open={editing !== null}
        title={
          editing?.mode === 'edit'
            ? t('category.editTitle', { name: editing.category.name })
            : editing?.parent
              ? t('category.addChildTitle', { name: editing.parent.name })
              : t('category.add')
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setEditing(null)}
        confirmLoading={saving.busy}
        forceRender
        okButtonProps={{ htmlType: 'submit', form: FORM_ID, 'data-testid': 'category-form-ok' }}
        afterClose={() => saving.setError(null)}
      >
        <ErrorAlert error={saving.error} />
        <Form<CategoryValues> id={FORM_ID} form={form} layout="vertical" onFinish={submit}>
          {editing?.mode !== 'edit' ? (
            <Form.Item
              name="code"
              label={t('category.code')}
              extra={t('category.codeHint')}
              rules={[
                { required: true, message: t('category.codeRequired') },
                { pattern: CODE, message: t('category.codeInvalid') },
              ]}
            >
              <Input maxLength={40} data-testid="category-form-code" />
            </Form.Item>
          ) : null}
          <Form.Item
            name="name"
            label={t('category.name')}
            rules={[{ required: true, whitespace: true, message: t('category.nameRequired') }, { max: 50 }]}
          >
            <Input maxLength={50} data-testid="category-form-name" />
          </Form.Item>
          <Form.Item
            name="kinds"
            label={t('category.kinds')}
            rules={[{ required: true, type: 'array', min: 1, message: t('category.kindsRequired') }]}
          >
            <Checkbox.Group
              data-testid="category-form-kinds"
              options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="sort" label={t('category.sort')} extra={t('category.sortHint')}>
            <InputNumber min={0} max={10_000} precision={0} data-testid="category-form-sort" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
