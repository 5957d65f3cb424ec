import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { getAccessOverview } from '@/lib/admin/access';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { PERMISSIONS, isAccountRep } from '@/lib/auth/permissions';
import { endUserSessionsAction, removeRoleMappingAction, saveRoleMappingAction, updateTenantFlagsAction } from './actions';
import { AdminForm } from '../_components/admin-form';

export const metadata = { title: 'Access · SSPM' };

const section = 'mb-8 rounded-lg border border-zinc-200 bg-white';
const heading = 'border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900';

function PermissionBoxes({ group, granted }: { group: string; granted: readonly string[] }) {
  return (
    <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
      <legend className="sr-only">Permissions of {group || 'the new group'}</legend>
      {PERMISSIONS.map((permission) => (
        <label key={permission} className="flex items-center gap-1.5 text-sm text-zinc-700">
          <input type="checkbox" name="permissions" value={permission} defaultChecked={granted.includes(permission)} />
          <code>{permission}</code>
        </label>
      ))}
    </fieldset>
  );
}

export default async function AccessPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!isAccountRep(caller)) return <NoAccess />;
  const overview = await getAccessOverview(ctx, caller);

  return (
    <>
      <PageHeader
        title="Access"
        description="Which SSO groups grant which permissions, each tenant's Monitoring Gateway and Personal Connection, who holds what, and who is signed in (a rep can end a user's sessions). Every change is audited and takes effect on the user's next request."
      />

      <section className={section} aria-labelledby="mappings-heading">
        <h2 id="mappings-heading" className={heading}>
          SSO group → permissions
        </h2>
        <ul className="divide-y divide-zinc-100">
          {overview.mappings.map((mapping) => (
            <li key={mapping.group} className="flex flex-col gap-2 px-5 py-4">
              <div>
                <p className="whitespace-nowrap font-mono text-sm font-medium text-zinc-900">{mapping.group}</p>
                <p className="text-xs text-zinc-500">{mapping.updatedBy ? `Last changed by ${mapping.updatedBy}` : 'Default mapping'}</p>
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <AdminForm action={saveRoleMappingAction} submitLabel="Save" submitDescription={`Save the permissions of ${mapping.group}`}>
                  <input type="hidden" name="group" value={mapping.group} />
                  <PermissionBoxes group={mapping.group} granted={mapping.permissions} />
                </AdminForm>
                <AdminForm action={removeRoleMappingAction} submitLabel="Remove" submitDescription={`Remove the mapping of ${mapping.group}`} tone="danger">
                  <input type="hidden" name="group" value={mapping.group} />
                </AdminForm>
              </div>
            </li>
          ))}
        </ul>
        <div className="border-t border-zinc-200 px-5 py-4">
          <AdminForm action={saveRoleMappingAction} submitLabel="Add mapping" className="flex flex-col gap-3">
            <label htmlFor="new-group" className="text-sm font-medium text-zinc-700">
              New SSO group
            </label>
            <input id="new-group" name="group" required maxLength={200} className="w-72 rounded-md border border-zinc-300 px-3 py-1.5 text-sm" />
            <PermissionBoxes group="" granted={[]} />
          </AdminForm>
        </div>
      </section>

      <section className={section} aria-labelledby="tenants-heading">
        <h2 id="tenants-heading" className={heading}>
          Tenants
        </h2>
        <ul className="divide-y divide-zinc-100">
          {overview.tenants.map((tenant) => (
            <li key={tenant.id} className="flex flex-col gap-2 px-5 py-3 md:flex-row md:items-center md:justify-between">
              <p className="text-sm font-medium text-zinc-900">
                {tenant.name} <span className="font-mono text-xs text-zinc-500">{tenant.id}</span>
              </p>
              <AdminForm action={updateTenantFlagsAction} submitLabel="Save" submitDescription={`Save the flags of ${tenant.name}`}>
                <input type="hidden" name="tenantId" value={tenant.id} />
                <label className="flex items-center gap-1.5 text-sm text-zinc-700">
                  <input type="checkbox" name="monitoringGatewayEnabled" defaultChecked={tenant.monitoringGatewayEnabled} />
                  Monitoring Gateway
                </label>
                <label className="flex items-center gap-1.5 text-sm text-zinc-700">
                  <input type="checkbox" name="personalConnectionEnabled" defaultChecked={tenant.personalConnectionEnabled} />
                  Personal Connection
                </label>
              </AdminForm>
            </li>
          ))}
        </ul>
      </section>

      <section className={section} aria-labelledby="users-heading">
        <h2 id="users-heading" className={heading}>
          Who holds what
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="px-5 py-2 font-medium">User</th>
              <th className="px-5 py-2 font-medium">Home tenant</th>
              <th className="px-5 py-2 font-medium">SSO groups</th>
              <th className="px-5 py-2 font-medium">Permissions</th>
              <th className="px-5 py-2 font-medium">Sessions</th>
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
                <td className="px-5 py-2 font-mono text-xs text-zinc-600">{user.permissions.join(', ') || 'none'}</td>
                <td className="px-5 py-2 text-zinc-600">
                  <p className="tabular-nums">{user.liveSessions === 1 ? '1 live session' : `${user.liveSessions} live sessions`}</p>
                  {user.liveSessions > 0 ? (
                    <AdminForm
                      action={endUserSessionsAction}
                      submitLabel="End all sessions"
                      submitDescription={`End all sessions of ${user.email}`}
                      successMessage="Signed out everywhere."
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
