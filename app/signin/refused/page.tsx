import type { Metadata } from 'next';
import Link from 'next/link';
import { REFUSAL_REASONS, type RefusalReason } from '@/lib/auth/provision-user';

export const metadata: Metadata = { title: 'Sign-in refused' };

type Explanation = { title: string; why: string; ask: string };

const EXPLANATIONS: Record<RefusalReason | 'too_many_attempts', Explanation> = {
  no_access: {
    title: 'Your account has no access to SSPM',
    why: 'Your company’s identity provider signed you in, but none of your groups grants any permission in Self-Service Port Management.',
    ask: 'Ask your company’s administrator to add you to an SSPM group (such as sspm-viewer or sspm-requester), or your Account Representative to map one of your groups to SSPM permissions.',
  },
  no_tenant: {
    title: 'Your account is not linked to a tenant',
    why: 'Your company’s identity provider did not say which tenant your account belongs to, and SSPM needs it to show you your tenants.',
    ask: 'Ask your company’s administrator to set your tenant in the identity provider; your Account Representative can tell them your tenant id.',
  },
  unknown_tenant: {
    title: 'Your tenant is not known to SSPM',
    why: 'The tenant your company’s identity provider gives for your account does not exist in SSPM.',
    ask: 'Ask your Account Representative which tenant id your company has, and your administrator to correct it in the identity provider.',
  },
  missing_email: {
    title: 'Your e-mail address was not sent',
    why: 'Your company’s identity provider signed you in without an e-mail address, and SSPM knows people by their e-mail address.',
    ask: 'Ask your company’s administrator to release the email claim to SSPM.',
  },
  unverified_email: {
    title: 'Your e-mail address is not verified',
    why: 'Your company’s identity provider says your e-mail address has not been verified, so SSPM cannot tell that it is yours.',
    ask: 'Verify your e-mail address with your identity provider, or ask your company’s administrator.',
  },
  missing_subject: {
    title: 'Your account has no identifier',
    why: 'Your company’s identity provider signed you in without the subject identifier that tells one account from another.',
    ask: 'Ask your company’s administrator to check the identity provider’s OpenID Connect configuration for SSPM.',
  },
  identity_conflict: {
    title: 'This e-mail address belongs to another account',
    why: 'SSPM already knows this e-mail address as another account of your identity provider, so it cannot tell that this sign-in is that person.',
    ask: 'Sign in with the account you used before, or ask your Account Representative to look at your access.',
  },
  partner_account_rep: {
    title: 'A partner account cannot be an Account Representative',
    why: 'Your groups make you an Account Representative, but your account belongs to a partner’s tenant. Nobody may approve their own organisation’s requests.',
    ask: 'Ask your company’s administrator to remove you from the Account Representative group, or to give you a separate staff account.',
  },
  too_many_attempts: {
    title: 'Too many sign-in attempts',
    why: 'There have been too many failed sign-ins for this account or from this network in the last minutes.',
    ask: 'Wait a quarter of an hour, then sign in again.',
  },
};

const isReason = (value: unknown): value is RefusalReason | 'too_many_attempts' =>
  value === 'too_many_attempts' || (REFUSAL_REASONS as readonly unknown[]).includes(value);

/** Where the sign-in callback sends an SSO sign-in it refused: why, and whom to ask. No session exists. */
export default async function SignInRefusedPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  const { reason } = await searchParams;
  const explanation: Explanation = isReason(reason)
    ? EXPLANATIONS[reason]
    : {
        title: 'You could not be signed in',
        why: 'Your sign-in was refused.',
        ask: 'Ask your company’s administrator or your Account Representative.',
      };

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <p className="text-sm font-semibold uppercase tracking-wide text-indigo-600">SSPM</p>
      <section role="alert" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900">
        <h1 className="text-lg font-semibold">{explanation.title}</h1>
        <p className="mt-2 text-sm">{explanation.why}</p>
        <p className="mt-2 text-sm font-medium">{explanation.ask}</p>
      </section>
      <p className="mt-6 text-sm text-zinc-600">
        You are not signed in. Once this is fixed,{' '}
        <Link href="/signin" className="font-medium text-indigo-700 underline">
          sign in again
        </Link>
        .
      </p>
    </main>
  );
}
