// Built by vite.config.ts from src/locales/*.json: the sections the sign-in page needs.
declare module 'virtual:sign-in-locales' {
  export const ru: Record<string, unknown>;
  export const en: Record<string, unknown>;
}
