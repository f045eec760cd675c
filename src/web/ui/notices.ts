/** Messages shown after a form redirects (?ok=key). Keys, not text, travel in the URL. */
export const NOTICES = {
  welcome: "Welcome to uXPRT! Your account is ready.",
  "signed-in": "You are signed in.",
  "signed-out": "You are signed out.",
  published: "Your creation is published.",
  scored: "Your score is saved.",
  deleted: "The creation is deleted.",
  profile: "Your profile is saved.",
  password: "Your password is changed. Your other sessions were signed out.",
  reset: "Your new password is set. Sign in with it.",
  "user-updated": "The user is updated.",
  consents: "Your choices are saved.",
  export: "Your data export has started; it appears below when it is ready (reload the page).",
  "token-renamed": "The token is renamed.",
  "token-revoked": "The token is revoked: it no longer works.",
  erased: "Your account and everything in it are deleted.",
} as const;

export type NoticeKey = keyof typeof NOTICES;
