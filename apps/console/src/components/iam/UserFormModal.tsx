import type { OrgUnit, Role, User } from '@meihao/contracts'
import { Form, Input, Modal, Select } from 'antd'
import { createUser, type UserStatus, updateUser } from '../../api/iam'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { OrgUnitSelect } from './OrgUnitSelect'
import { type AssignmentValue, RoleAssignmentsField, toAssignments } from './RoleAssignmentsField'

// The form is new on every opening (destroyOnHidden); the modal's OK button submits it by id.
const FORM_ID = 'user-form'

interface Values {
  name: string
  phone?: string
  password?: string
  status?: UserStatus
  orgUnitId?: string | null
  roles?: AssignmentValue[]
}

/** Create a user (user undefined) or edit one: name, status, org unit and role assignments. */
export function UserFormModal({
  open,
  user,
  roles,
  orgUnits,
  onClose,
  onSaved,
}: {
  open: boolean
  user: User | null
  roles: readonly Role[]
  orgUnits: readonly OrgUnit[]
  onClose: () => void
  onSaved: (user: User) => void
}) {
  const { t } = useI18n()
  const { busy: saving, error, setError, run } = useAction()
  const editing = user !== null

  const initialValues: Values = user
    ? {
        name: user.name,
        status: user.status,
        orgUnitId: user.orgUnitId,
        roles: user.roles.map((r) => ({
          roleId: r.roleId,
          orgUnitId: r.orgUnitId ?? null,
          communityId: r.communityId ?? null,
          buildingId: r.buildingId ?? null,
        })),
      }
    : { name: '', orgUnitId: null, roles: [] }

  const submit = async (values: Values) => {
    await run(async () => {
      const assignments = toAssignments(values.roles, roles)
      const saved = user
        ? await updateUser(user.id, {
            name: values.name.trim(),
            status: values.status,
            orgUnitId: values.orgUnitId ?? null,
            roles: assignments,
          })
        : await createUser({
            name: values.name.trim(),
            phone: (values.phone ?? '').trim(),
            password: values.password ?? '',
            orgUnitId: values.orgUnitId ?? null,
            roles: assignments,
          })
      onSaved(saved)
    })
  }

  return (
    <Modal
      open={open}
      title={editing ? t('iam.editUser', { name: user.name }) : t('iam.newUser')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={760}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, 'data-testid': 'user-form-submit' }}
      afterClose={() => setError(null)}
    >
      <ErrorAlert error={error} />
      <Form<Values>
        id={FORM_ID}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        data-testid="user-form"
      >
        <Form.Item
          name="name"
          label={t('iam.userName')}
          rules={[{ required: true, whitespace: true, message: t('iam.userNameRequired') }, { max: 50 }]}
        >
          <Input data-testid="user-form-name" maxLength={50} />
        </Form.Item>
        {editing ? (
          <Form.Item name="status" label={t('iam.status')}>
            <Select
              data-testid="user-form-status"
              options={[
                { value: 'active', label: t('status.active') },
                { value: 'disabled', label: t('status.disabled') },
              ]}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="phone"
              label={t('iam.phone')}
              rules={[
                { required: true, message: t('login.phoneRequired') },
                { pattern: /^\s*1[3-9]\d{9}\s*$/, message: t('validation.phone') },
              ]}
            >
              <Input data-testid="user-form-phone" maxLength={11} inputMode="numeric" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('iam.initialPassword')}
              extra={t('iam.initialPasswordHint')}
              rules={[
                { required: true, message: t('password.newRequired') },
                { min: 8, message: t('password.tooShort', { min: 8 }) },
                { max: 200 },
              ]}
            >
              <Input.Password data-testid="user-form-password" autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <Form.Item name="orgUnitId" label={t('iam.orgUnit')}>
          <OrgUnitSelect units={orgUnits} testId="user-form-org" />
        </Form.Item>
        <Form.Item label={t('iam.roles')} required={false}>
          <RoleAssignmentsField roles={roles} orgUnits={orgUnits} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
