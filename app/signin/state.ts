/**
 * What the demo sign-in action answers when it does not redirect: a code and its parameters, which
 * the form words in the reader's language (`signin.demo.error.<code>`).
 */
export type DemoSignInError =
  | { code: 'demo_off' }
  | { code: 'choose_user' }
  | { code: 'too_many_attempts'; minutes: number }
  | { code: 'unknown_user'; email: string };

export type DemoSignInState = DemoSignInError | null;
