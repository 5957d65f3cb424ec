// Auth.js: sign-in, callbacks, session and sign-out endpoints.
import { handlers } from '@/lib/auth';

export const { GET, POST } = handlers;
