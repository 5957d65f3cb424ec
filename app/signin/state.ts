/** What the demo sign-in action answers when it does not redirect. */
export type DemoSignInState = { message: string } | null;
