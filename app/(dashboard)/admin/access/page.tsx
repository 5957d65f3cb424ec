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
import { SectionStatus } from '../../_components/section-status';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.access');
  return { title: t('metaTitle') };
}

const section = 'mb-8 rounded-lg border border-zinc-200 bg-white dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100';
const heading = 'border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900 dark:border-zinc-700 dark:text-zinc-100';
const secondary = 'text-zinc-600 dark:text-zinc-400';
const code = 'font-mono text-xs break-words text-zinc-600 dark:text-zinc-400';

/** The id of a permission's description, which every checkbox of that permission points to. */
const descriptionId = (permission: Permission) => `permission-${permission.replace(/[^a-z0-9]+/g, '-')}`;

/** What each permission allows, in words, once above the mappings; the code is what the mapping stores. */
function PermissionGlossary() {
  const t = useTranslations('admin.access');
  return (
    <div className="border-b border-zinc-200 bg-zinc-50 px-5 py-3 text-sm dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100">
      <h3 className="font-medium text-zinc-800 dark:text-zinc-200">{t('permissions.title')}</h3>
      <dl className="mt-2 space-y-2">
        {PERMISSIONS.map((permission) => (
          <div key={permission} className="grid gap-x-4 sm:grid-cols-[16rem_1fr]">
            <dt className="font-medium text-zinc-900 dark:text-zinc-100">
              {t(`permissionNames.${permission}`)} <code className={code}>{permission}</code>
            </dt>
            <dd id={descriptionId(permission)} className={secondary}>
              {t(`permissions.${permission}`)}
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
    <fieldset className="grid w-full gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
      <legend className="sr-only">{group ? t('mappings.permissionsOf', { group }) : t('mappings.permissionsOfNew')}</legend>
      {PERMISSIONS.map((permission) => (
        <label key={permission} className="flex items-baseline gap-2 text-sm text-zinc-800 dark:text-zinc-200">
          <input
            type="checkbox"
            name="permissions"
            value={permission}
            defaultChecked={granted.includes(permission)}
            aria-describedby={descriptionId(permission)}
            className="translate-y-0.5"
          />
          <span>
            {t(`permissionNames.${permission}`)} <code className={code}>{permission}</code>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export default async function AccessPage() {
  const { caller, ctx } = await requirePageCaller();
  const [t, tc] = await Promise.all([getTranslations('admin'), getTranslations('common')]);
  if (!isAccountRep(caller)) {
    return (
      <>
        <PageHeader title={tc('nav.access')} />
        <NoAccess />
      </>
    );
  }
  const overview = await getAccessOverview(ctx, caller);
  const tenantNames = new Map(overview.tenants.map((tenant) => [tenant.id, tenant.name]));
  const permissionNames = (permissions: readonly Permission[]) =>
    permissions.map((permission) => t(`access.permissionNames.${permission}`)).join(', ') || t('access.users.noPermissions');

  return (
    <>
      <PageHeader title={tc('nav.access')} description={t('access.description')} />

      <section className={section} aria-labelledby="mappings-heading">
        <h2 id="mappings-heading" className={heading}>
          {t('access.mappings.title')}
        </h2>
        <PermissionGlossary />
        <SectionStatus>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {overview.mappings.map((mapping) => (
              <li key={mapping.group} className="flex flex-col gap-3 px-5 py-4">
                <div>
                  <h3 className="font-mono text-sm font-medium break-words text-zinc-900 dark:text-zinc-100">{mapping.group}</h3>
                  <p className={`text-xs ${secondary}`}>
                    {mapping.updatedBy ? t('access.mappings.lastChangedBy', { who: mapping.updatedBy }) : t('access.mappings.defaultMapping')}
                  </p>
                </div>
                <div className="flex flex-wrap items-start gap-3">
                  <AdminForm
                    action={saveRoleMappingAction}
                    submitLabel={t('form.save')}
                    submitDescription={t('access.mappings.saveDescription', { group: mapping.group })}
                    successMessage={t('access.mappings.saved', { group: mapping.group })}
                    className="flex w-full flex-col gap-3 sm:w-auto sm:flex-1"
                  >
                    <input type="hidden" name="group" value={mapping.group} />
                    <PermissionBoxes group={mapping.group} granted={mapping.permissions} />
                  </AdminForm>
                  <AdminForm
                    action={removeRoleMappingAction}
                    submitLabel={t('access.mappings.remove')}
                    tone="danger"
                    confirm={{
                      title: t('access.mappings.confirmRemove.title', { group: mapping.group }),
                      body: t('access.mappings.confirmRemove.body', { group: mapping.group }),
                      confirmLabel: t('access.mappings.confirmRemove.confirm'),
                    }}
                    successMessage={t('access.mappings.removed', { group: mapping.group })}
                    doneInSection
                  >
                    <input type="hidden" name="group" value={mapping.group} />
                  </AdminForm>
                </div>
              </li>
            ))}
          </ul>
        </SectionStatus>
        <div className="border-t border-zinc-200 px-5 py-4 dark:border-zinc-700">
          <AdminForm
            action={saveRoleMappingAction}
            submitLabel={t('access.mappings.add')}
            successMessage={t('access.mappings.added')}
            className="flex flex-col gap-3"
          >
            <label htmlFor="new-group" className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
              {t('access.mappings.newGroup')}
            </label>
            <input
              id="new-group"
              name="group"
              required
              maxLength={200}
              className="w-full max-w-72 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
            />
            <PermissionBoxes group="" granted={[]} />
          </AdminForm>
        </div>
      </section>

      <section className={section} aria-labelledby="tenants-heading">
        <h2 id="tenants-heading" className={heading}>
          {t('access.tenants.title')}
        </h2>
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {overview.tenants.map((tenant) => (
            <li key={tenant.id} className="flex flex-col gap-2 px-5 py-3 md:flex-row md:items-center md:justify-between">
              <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
                {tenant.name} <span className={code}>{tenant.id}</span>
              </p>
              <AdminForm
                action={updateTenantFlagsAction}
                submitLabel={t('form.save')}
                submitDescription={t('access.tenants.saveDescription', { tenant: tenant.name })}
                successMessage={t('access.tenants.saved', { tenant: tenant.name })}
              >
                <input type="hidden" name="tenantId" value={tenant.id} />
                <label className="flex items-center gap-1.5 text-sm text-zinc-800 dark:text-zinc-200">
                  <input type="checkbox" name="monitoringGatewayEnabled" defaultChecked={tenant.monitoringGatewayEnabled} />
                  {t('access.tenants.monitoringGateway')}
                </label>
                <label className="flex items-center gap-1.5 text-sm text-zinc-800 dark:text-zinc-200">
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
        {/* A list rather than a table: five columns do not fit a phone, and each value keeps its label. */}
        <SectionStatus>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {overview.users.map((user) => (
              <li key={user.id} className="px-5 py-4 text-sm">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h3 className="font-medium text-zinc-900 dark:text-zinc-100">{user.name}</h3>
                    <p className={`break-words ${secondary}`}>{user.email}</p>
                  </div>
                  {user.liveSessions > 0 ? (
                    <AdminForm
                      action={endUserSessionsAction}
                      submitLabel={t('access.users.endSessions')}
                      tone="danger"
                      confirm={{
                        title: t('access.users.confirmEnd.title', { name: user.name }),
                        body: t('access.users.confirmEnd.body', { name: user.name }),
                        confirmLabel: t('access.users.confirmEnd.confirm'),
                      }}
                      successMessage={t('access.users.sessionsEnded', { name: user.name })}
                      doneInSection
                    >
                      <input type="hidden" name="userId" value={user.id} />
                    </AdminForm>
                  ) : null}
                </div>
                <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-4">
                  <div>
                    <dt className={`text-xs font-medium ${secondary}`}>{t('access.users.homeTenant')}</dt>
                    <dd className="text-zinc-900 dark:text-zinc-100">
                      {user.homeTenantId ? (tenantNames.get(user.homeTenantId) ?? user.homeTenantId) : '—'}
                    </dd>
                  </div>
                  <div>
                    <dt className={`text-xs font-medium ${secondary}`}>{t('access.users.groups')}</dt>
                    <dd className="font-mono text-xs break-words text-zinc-900 dark:text-zinc-100">{user.groups.join(', ') || '—'}</dd>
                  </div>
                  <div>
                    <dt className={`text-xs font-medium ${secondary}`}>{t('access.users.permissions')}</dt>
                    <dd className="text-zinc-900 dark:text-zinc-100">{permissionNames(user.permissions)}</dd>
                  </div>
                  <div>
                    <dt className={`text-xs font-medium ${secondary}`}>{t('access.users.sessions')}</dt>
                    <dd className="tabular-nums text-zinc-900 dark:text-zinc-100">{t('access.users.liveSessions', { count: user.liveSessions })}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        </SectionStatus>
      </section>
    </>
  );
}
