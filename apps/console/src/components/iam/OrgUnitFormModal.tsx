import type { OrgUnit } from '@meihao/contracts'
import { Form, Input, Modal, Select } from 'antd'
import { createOrgUnit, type OrgUnitKind } from '../../api/iam'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { childKindOf } from './orgTree'

// The form is new on every opening (destroyOnHidden); the modal's OK button submits it by id.
const FORM_ID = 'org-form'

interface Values {
  kind: OrgUnitKind
  name: string
}

const KINDS: OrgUnitKind[] = ['group', 'city', 'project']

/** Adds an org unit under `parent` (or a top-level group when parent is null). */
export function OrgUnitFormModal({
  open,
  parent,
  onClose,
  onSaved,
}: {
  open: boolean
  parent: OrgUnit | null
  onClose: () => void
  onSaved: (unit: OrgUnit) => void
}) {
  const { t } = useI18n()
  const { busy: saving, error, setError, run } = useAction()

  const submit = async (values: Values) => {
    await run(async () => {
      onSaved(
        await createOrgUnit({ parentId: parent?.id ?? null, kind: values.kind, name: values.name.trim() }),
      )
    })
  }

  return (
    <Modal
      open={open}
      title={parent ? t('org.addChildOf', { name: parent.name }) : t('org.addRoot')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, 'data-testid': 'org-form-submit' }}
      destroyOnHidden
      afterClose={() => setError(null)}
    >
      <ErrorAlert error={error} />
      <Form<Values>
        id={FORM_ID}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: childKindOf(parent), name: '' }}
        data-testid="org-form"
      >
        <Form.Item name="kind" label={t('org.kind')}>
          <Select<OrgUnitKind>
            data-testid="org-form-kind"
            options={KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, { max: 100 }]}
        >
          <Input maxLength={100} data-testid="org-form-name" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
