import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LocalTime } from '@/app/_components/local-time';
import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { listMyApiTokens } from '@/lib/auth/api-tokens';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges, canViewPorts } from '@/lib/auth/permissions';
import { CreateTokenForm } from './create-token-form';
import { RevokeTokenForm } from './revoke-token-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('tokens');
  return { title: t('metaTitle') };
}

export default async function ApiTokensPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!canViewPorts(caller) && !canRequestChanges(caller)) return <NoAccess />;
  const [tokens, t, tc] = await Promise.all([listMyApiTokens(ctx, caller), getTranslations('tokens'), getTranslations('common')]);

  return (
    <>
      <PageHeader title={tc('nav.tokens')} description={t('description')} />
      <section className="mb-8 rounded-lg border border-zinc-200 bg-white p-5">
        <h2 className="mb-4 text-base font-semibold text-zinc-900">{t('new')}</h2>
        <CreateTokenForm />
      </section>
      <section className="rounded-lg border border-zinc-200 bg-white">
        <h2 className="border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900">{t('yours')}</h2>
        {tokens.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600">{t('none')}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-zinc-500">
              <tr>
                <th className="px-5 py-2 font-medium">{t('column.name')}</th>
                <th className="px-5 py-2 font-medium">{t('column.token')}</th>
                <th className="px-5 py-2 font-medium">{t('column.expires')}</th>
                <th className="px-5 py-2 font-medium">{t('column.lastUsed')}</th>
                <th className="px-5 py-2 font-medium">{t('column.state')}</th>
                <th className="px-5 py-2 font-medium">
                  <span className="sr-only">{t('column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td className="px-5 py-3 font-medium text-zinc-900">{token.name}</td>
                  <td className="px-5 py-3 font-mono text-zinc-600">{token.prefix}…</td>
                  <td className="px-5 py-3 text-zinc-600"><LocalTime iso={token.expiresAt} /></td>
                  <td className="px-5 py-3 text-zinc-600">{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : t('never')}</td>
                  <td className="px-5 py-3 text-zinc-600">{t(`state.${token.state}`)}</td>
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
