import type { RequestActionState } from '../_lib/action-state';

/**
 * The server's answer to a form, read out by screen readers as it changes. A message that is already
 * shown beside its field is not repeated here.
 */
export function FormFeedback({
  state,
  pending,
  pendingText,
  successText,
}: {
  state: RequestActionState;
  pending: boolean;
  pendingText: string;
  successText?: string;
}) {
  const shownBesideField =
    state && !state.ok && Object.values(state.fieldErrors ?? {}).some((messages) => messages.includes(state.message));
  return (
    <div role="status" aria-live="polite" className="min-h-5 text-sm">
      {pending ? (
        <p className="text-zinc-600 dark:text-zinc-400">{pendingText}</p>
      ) : state && !state.ok && !shownBesideField ? (
        <p className="text-rose-700 dark:text-rose-300">{state.message}</p>
      ) : state?.ok && successText ? (
        <p className="text-emerald-700 dark:text-emerald-300">{successText}</p>
      ) : null}
    </div>
  );
}

/** The messages about one field, linked to it with aria-describedby by the caller. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="mt-1 min-h-4 text-sm text-rose-700 dark:text-rose-300">
      {messages?.join(' ')}
    </p>
  );
}
