import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { formatDateTime } from '@/app/_components/format';
import { type ApiTokenView, listMyApiTokens } from '@/lib/auth/api-tokens';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges, canViewPorts } from '@/lib/auth/permissions';
import { CreateTokenForm } from './create-token-form';
import { RevokeTokenForm } from './revoke-token-form';

export const metadata = { title: 'API tokens · SSPM' };

const STATE_LABELS: Record<ApiTokenView['state'], string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

export default async function ApiTokensPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!canViewPorts(caller) && !canRequestChanges(caller)) return <NoAccess />;
  const tokens = await listMyApiTokens(ctx, caller);

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Personal tokens for scripts and integrations. A token acts with your permissions of the moment, never more."
      />
      <section className="mb-8 rounded-lg border border-zinc-200 bg-white p-5">
        <h2 className="mb-4 text-base font-semibold text-zinc-900">New token</h2>
        <CreateTokenForm />
      </section>
      <section className="rounded-lg border border-zinc-200 bg-white">
        <h2 className="border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600">You have no API tokens.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-zinc-500">
              <tr>
                <th className="px-5 py-2 font-medium">Name</th>
                <th className="px-5 py-2 font-medium">Token</th>
                <th className="px-5 py-2 font-medium">Expires</th>
                <th className="px-5 py-2 font-medium">Last used</th>
                <th className="px-5 py-2 font-medium">State</th>
                <th className="px-5 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td className="px-5 py-3 font-medium text-zinc-900">{token.name}</td>
                  <td className="px-5 py-3 font-mono text-zinc-600">{token.prefix}…</td>
                  <td className="px-5 py-3 text-zinc-600">{formatDateTime(token.expiresAt)}</td>
                  <td className="px-5 py-3 text-zinc-600">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                  <td className="px-5 py-3 text-zinc-600">{STATE_LABELS[token.state]}</td>
                  <td className="px-5 py-3 text-right">
                    {token.state === 'active' ? <RevokeTokenForm tokenId={token.id} name={token.name} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
