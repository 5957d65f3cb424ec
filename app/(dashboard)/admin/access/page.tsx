import type { Metadata } from 'next';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { getAccessOverview } from '@/lib/admin/access';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { PERMISSIONS, type Permission, isAccountRep } from '@/lib/auth/permissions';
import { endUserSessionsAction, removeRoleMappingAction, saveRoleMappingAction, updateTenantFlagsAction } from './actions';
import { AdminForm } from '../_components/admin-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.access');
  return { title: t('metaTitle') };
}

const section = 'mb-8 rounded-lg border border-zinc-200 bg-white';
const heading = 'border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900';

/** The id of a permission's description, which every checkbox of that permission points to. */
const descriptionId = (permission: Permission) => `permission-${permission.replace(/[^a-z0-9]+/g, '-')}`;

/** What each permission code allows, once above the mappings. */
function PermissionGlossary() {
  const t = useTranslations('admin.access.permissions');
  return (
    <div className="border-b border-zinc-100 bg-zinc-50 px-5 py-3 text-sm">
      <h3 className="font-medium text-zinc-700">{t('title')}</h3>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {PERMISSIONS.map((permission) => (
          <div key={permission} className="contents">
            <dt className="font-mono text-xs leading-5 text-zinc-900">{permission}</dt>
            <dd id={descriptionId(permission)} className="text-zinc-600">
              {t(permission)}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function PermissionBoxes({ group, granted }: { group: string; granted: readonly string[] }) {
  const t = useTranslations('admin.access');
  return (
    <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
      <legend className="sr-only">{group ? t('mappings.permissionsOf', { group }) : t('mappings.permissionsOfNew')}</legend>
      {PERMISSIONS.map((permission) => (
        <label key={permission} className="flex items-center gap-1.5 text-sm text-zinc-700">
          <input
            type="checkbox"
            name="permissions"
            value={permission}
            defaultChecked={granted.includes(permission)}
            aria-describedby={descriptionId(permission)}
          />
          <code>{permission}</code>
        </label>
      ))}
    </fieldset>
  );
}

export default async function AccessPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!isAccountRep(caller)) return <NoAccess />;
  const [overview, t, tc] = await Promise.all([getAccessOverview(ctx, caller), getTranslations('admin'), getTranslations('common')]);

  return (
    <>
      <PageHeader title={tc('nav.access')} description={t('access.description')} />

      <section className={section} aria-labelledby="mappings-heading">
        <h2 id="mappings-heading" className={heading}>
          {t('access.mappings.title')}
        </h2>
        <PermissionGlossary />
        <ul className="divide-y divide-zinc-100">
          {overview.mappings.map((mapping) => (
            <li key={mapping.group} className="flex flex-col gap-2 px-5 py-4">
              <div>
                <p className="whitespace-nowrap font-mono text-sm font-medium text-zinc-900">{mapping.group}</p>
                <p className="text-xs text-zinc-500">
                  {mapping.updatedBy ? t('access.mappings.lastChangedBy', { who: mapping.updatedBy }) : t('access.mappings.defaultMapping')}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <AdminForm
                  action={saveRoleMappingAction}
                  submitLabel={t('form.save')}
                  submitDescription={t('access.mappings.saveDescription', { group: mapping.group })}
                >
                  <input type="hidden" name="group" value={mapping.group} />
                  <PermissionBoxes group={mapping.group} granted={mapping.permissions} />
                </AdminForm>
                <AdminForm
                  action={removeRoleMappingAction}
                  submitLabel={t('access.mappings.remove')}
                  submitDescription={t('access.mappings.removeDescription', { group: mapping.group })}
                  tone="danger"
                >
                  <input type="hidden" name="group" value={mapping.group} />
                </AdminForm>
              </div>
            </li>
          ))}
        </ul>
        <div className="border-t border-zinc-200 px-5 py-4">
          <AdminForm action={saveRoleMappingAction} submitLabel={t('access.mappings.add')} className="flex flex-col gap-3">
            <label htmlFor="new-group" className="text-sm font-medium text-zinc-700">
              {t('access.mappings.newGroup')}
            </label>
            <input id="new-group" name="group" required maxLength={200} className="w-72 rounded-md border border-zinc-300 px-3 py-1.5 text-sm" />
            <PermissionBoxes group="" granted={[]} />
          </AdminForm>
        </div>
      </section>

      <section className={section} aria-labelledby="tenants-heading">
        <h2 id="tenants-heading" className={heading}>
          {t('access.tenants.title')}
        </h2>
        <ul className="divide-y divide-zinc-100">
          {overview.tenants.map((tenant) => (
            <li key={tenant.id} className="flex flex-col gap-2 px-5 py-3 md:flex-row md:items-center md:justify-between">
              <p className="text-sm font-medium text-zinc-900">
                {tenant.name} <span className="font-mono text-xs text-zinc-500">{tenant.id}</span>
              </p>
              <AdminForm
                action={updateTenantFlagsAction}
                submitLabel={t('form.save')}
                submitDescription={t('access.tenants.saveDescription', { tenant: tenant.name })}
              >
                <input type="hidden" name="tenantId" value={tenant.id} />
                <label className="flex items-center gap-1.5 text-sm text-zinc-700">
                  <input type="checkbox" name="monitoringGatewayEnabled" defaultChecked={tenant.monitoringGatewayEnabled} />
                  {t('access.tenants.monitoringGateway')}
                </label>
                <label className="flex items-center gap-1.5 text-sm text-zinc-700">
                  <input type="checkbox" name="personalConnectionEnabled" defaultChecked={tenant.personalConnectionEnabled} />
                  {t('access.tenants.personalConnection')}
                </label>
              </AdminForm>
            </li>
          ))}
        </ul>
      </section>

      <section className={section} aria-labelledby="users-heading">
        <h2 id="users-heading" className={heading}>
          {t('access.users.title')}
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="px-5 py-2 font-medium">{t('access.users.user')}</th>
              <th className="px-5 py-2 font-medium">{t('access.users.homeTenant')}</th>
              <th className="px-5 py-2 font-medium">{t('access.users.groups')}</th>
              <th className="px-5 py-2 font-medium">{t('access.users.permissions')}</th>
              <th className="px-5 py-2 font-medium">{t('access.users.sessions')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {overview.users.map((user) => (
              <tr key={user.id}>
                <td className="px-5 py-2">
                  <p className="font-medium text-zinc-900">{user.name}</p>
                  <p className="text-zinc-500">{user.email}</p>
                </td>
                <td className="px-5 py-2 text-zinc-600">{user.homeTenantId ?? '—'}</td>
                <td className="px-5 py-2 font-mono text-xs text-zinc-600">{user.groups.join(', ') || '—'}</td>
                <td className="px-5 py-2 font-mono text-xs text-zinc-600">
                  {user.permissions.join(', ') || t('access.users.noPermissions')}
                </td>
                <td className="px-5 py-2 text-zinc-600">
                  <p className="tabular-nums">{t('access.users.liveSessions', { count: user.liveSessions })}</p>
                  {user.liveSessions > 0 ? (
                    <AdminForm
                      action={endUserSessionsAction}
                      submitLabel={t('access.users.endSessions')}
                      submitDescription={t('access.users.endSessionsDescription', { email: user.email })}
                      successMessage={t('access.users.sessionsEnded')}
                      tone="danger"
                      className="mt-1 flex flex-wrap items-center gap-2"
                    >
                      <input type="hidden" name="userId" value={user.id} />
                    </AdminForm>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
