import type { Caller } from './caller';

type Submitted = { requestedBy: string; requestedByUserId?: string | null };

/**
 * SPEC §3: nobody decides a request they submitted, whatever groups they hold. The person is
 * compared (user id), and the e-mail too for requests recorded before the id was.
 */
export function isOwnRequest(caller: Pick<Caller, 'userId' | 'email'>, request: Submitted): boolean {
  if (request.requestedByUserId) return request.requestedByUserId === caller.userId;
  return request.requestedBy.toLowerCase() === caller.email.toLowerCase();
}
