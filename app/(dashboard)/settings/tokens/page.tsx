import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LocalTime } from '@/app/_components/local-time';
import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { listMyApiTokens } from '@/lib/auth/api-tokens';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canHoldApiToken } from '@/lib/auth/permissions';
import { CreateTokenForm } from './create-token-form';
import { RevokeTokenForm } from './revoke-token-form';
import { SectionStatus } from '../../_components/section-status';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('tokens');
  return { title: t('metaTitle') };
}

const card = 'rounded-lg border border-zinc-200 bg-white dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100';
const label = 'text-xs font-medium text-zinc-600 dark:text-zinc-400';

export default async function ApiTokensPage() {
  const { caller, ctx } = await requirePageCaller();
  const [t, tc] = await Promise.all([getTranslations('tokens'), getTranslations('common')]);
  if (!canHoldApiToken(caller)) {
    return (
      <>
        <PageHeader title={tc('nav.tokens')} />
        <NoAccess />
      </>
    );
  }
  const tokens = await listMyApiTokens(ctx, caller);

  return (
    <>
      <PageHeader title={tc('nav.tokens')} description={t('description')} />
      <section className={`mb-8 p-5 ${card}`} aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className="mb-4 text-base font-semibold text-zinc-900 dark:text-zinc-100">
          {t('new')}
        </h2>
        <CreateTokenForm />
      </section>
      <section className={card} aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900 dark:border-zinc-700 dark:text-zinc-100">
          {t('yours')}
        </h2>
        <SectionStatus>
          {tokens.length === 0 ? (
            <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">{t('none')}</p>
          ) : (
            // A list rather than a table: six columns do not fit a phone, and each value keeps its label.
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {tokens.map((token) => (
                <li key={token.id} className="px-5 py-4 text-sm">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <h3 className="min-w-0 font-medium break-words text-zinc-900 dark:text-zinc-100">{token.name}</h3>
                    {token.state === 'active' ? <RevokeTokenForm tokenId={token.id} name={token.name} /> : null}
                  </div>
                  <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-4">
                    <div>
                      <dt className={label}>{t('column.token')}</dt>
                      <dd className="font-mono break-words text-zinc-800 dark:text-zinc-200">{token.prefix}…</dd>
                    </div>
                    <div>
                      <dt className={label}>{t('column.state')}</dt>
                      <dd className="text-zinc-800 dark:text-zinc-200">{t(`state.${token.state}`)}</dd>
                    </div>
                    <div>
                      <dt className={label}>{t('column.expires')}</dt>
                      <dd className="text-zinc-800 dark:text-zinc-200">
                        <LocalTime iso={token.expiresAt} />
                      </dd>
                    </div>
                    <div>
                      <dt className={label}>{t('column.lastUsed')}</dt>
                      <dd className="text-zinc-800 dark:text-zinc-200">{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : t('never')}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </SectionStatus>
      </section>
    </>
  );
}
