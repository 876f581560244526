import { DATA_SCOPES, type DataScope, type Permission, type Role } from '@meihao/contracts'
import { Checkbox, Col, Divider, Form, Input, Modal, Row, Select, Typography } from 'antd'
import { createRole, updateRole } from '../../api/iam'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { permissionGroups } from './permissionGroups'

// The form is new on every opening (destroyOnHidden); the modal's OK button submits it by id.
const FORM_ID = 'role-form'

interface Values {
  code: string
  name: string
  dataScope: DataScope
  permissions: Permission[]
}

/** Create a role (role null) or edit a company role's name, data scope and permissions. */
export function RoleFormModal({
  open,
  role,
  onClose,
  onSaved,
}: {
  open: boolean
  role: Role | null
  onClose: () => void
  onSaved: (role: Role) => void
}) {
  const { t } = useI18n()
  const { busy: saving, error, setError, run } = useAction()

  const submit = async (values: Values) => {
    await run(async () => {
      const body = { name: values.name.trim(), dataScope: values.dataScope, permissions: values.permissions }
      onSaved(
        role ? await updateRole(role.id, body) : await createRole({ ...body, code: values.code.trim() }),
      )
    })
  }

  return (
    <Modal
      open={open}
      title={role ? t('iam.editRole', { name: role.name }) : t('iam.newRole')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, 'data-testid': 'role-form-submit' }}
      destroyOnHidden
      width={760}
      afterClose={() => setError(null)}
    >
      <ErrorAlert error={error} />
      <Form<Values>
        id={FORM_ID}
        layout="vertical"
        onFinish={submit}
        initialValues={
          role
            ? { code: role.code, name: role.name, dataScope: role.dataScope, permissions: role.permissions }
            : { code: '', name: '', dataScope: 'company', permissions: [] }
        }
        data-testid="role-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('iam.roleCode')}
              extra={role ? undefined : t('iam.roleCodeHint')}
              rules={[
                { required: true, message: t('iam.roleCodeRequired') },
                { pattern: /^[a-z][a-z0-9_]{1,40}$/, message: t('validation.roleCode') },
              ]}
            >
              <Input disabled={role !== null} maxLength={41} data-testid="role-form-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('iam.roleName')}
              rules={[{ required: true, whitespace: true, message: t('iam.roleNameRequired') }, { max: 50 }]}
            >
              <Input maxLength={50} data-testid="role-form-name" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="dataScope" label={t('iam.dataScope')} extra={t('iam.dataScopeHint')}>
          <Select<DataScope>
            data-testid="role-form-scope"
            options={DATA_SCOPES.map((s) => ({
              value: s,
              label: `${t(`scope.${s}`)} — ${t(`scopeHint.${s}`)}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('iam.permissions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('iam.permissionsRequired') }]}
        >
          <Checkbox.Group style={{ width: '100%', display: 'block' }} data-testid="role-form-permissions">
            {permissionGroups().map(({ group, permissions }) => (
              <div key={group}>
                <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
                  <Typography.Text type="secondary">{t(`permGroup.${group}`)}</Typography.Text>
                </Divider>
                <Row gutter={[8, 4]}>
                  {permissions.map((p) => (
                    <Col key={p} xs={24} sm={12}>
                      <Checkbox value={p} data-testid={`perm-${p}`}>
                        {t(`perm.${p}`)}
                      </Checkbox>
                    </Col>
                  ))}
                </Row>
              </div>
            ))}
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  )
}
