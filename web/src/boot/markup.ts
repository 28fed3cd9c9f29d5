import { BOOT_ACTIVE_ATTRIBUTE, BOOT_IDS } from './ids';
import type { BootKey, BootTexts } from './texts';

export { BOOT_ACTIVE_ATTRIBUTE, BOOT_IDS };

/*
 * Issue 13 point 13: the sign-in form written into index.html at build time (vite.config.ts),
 * so that a phone on a 3G line can type into it before any JavaScript of the app has arrived.
 * It looks like the app's sign-in page (src/pages/SignInPage.tsx with Mantine's default sizes);
 * its styles are inline (the server's Content-Security-Policy allows inline styles, not inline
 * scripts) and use the system fonts, as the app's theme does. It shows only once the boot
 * script (./signInBoot.ts) has marked the page as /login; the app takes it over with what was
 * typed (./takeover.ts).
 */

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// Mantine's eye icons of PasswordInput (15×15, currentColor).
const EYE =
  'M7.5 11C4.80285 11 2.52952 9.62184 1.09622 7.50001C2.52952 5.37816 4.80285 4 7.5 4C10.1971 4 12.4705 5.37816 13.9038 7.50001C12.4705 9.62183 10.1971 11 7.5 11ZM7.5 3C4.30786 3 1.65639 4.70638 0.0760002 7.23501C-0.0253338 7.39715 -0.0253334 7.60288 0.0760014 7.76501C1.65639 10.2936 4.30786 12 7.5 12C10.6921 12 13.3436 10.2936 14.924 7.76501C15.0253 7.60288 15.0253 7.39715 14.924 7.23501C13.3436 4.70638 10.6921 3 7.5 3ZM7.5 9.5C8.60457 9.5 9.5 8.60457 9.5 7.5C9.5 6.39543 8.60457 5.5 7.5 5.5C6.39543 5.5 5.5 6.39543 5.5 7.5C5.5 8.60457 6.39543 9.5 7.5 9.5Z';
const EYE_OFF =
  'M13.3536 2.35355C13.5488 2.15829 13.5488 1.84171 13.3536 1.64645C13.1583 1.45118 12.8417 1.45118 12.6464 1.64645L10.6828 3.61012C9.70652 3.21671 8.63759 3 7.5 3C4.30786 3 1.65639 4.70638 0.0760002 7.23501C-0.0253338 7.39715 -0.0253334 7.60288 0.0760014 7.76501C0.902945 9.08812 2.02314 10.1861 3.36061 10.9323L1.64645 12.6464C1.45118 12.8417 1.45118 13.1583 1.64645 13.3536C1.84171 13.5488 2.15829 13.5488 2.35355 13.3536L4.31723 11.3899C5.29348 11.7833 6.36241 12 7.5 12C10.6921 12 13.3436 10.2936 14.924 7.76501C15.0253 7.60288 15.0253 7.39715 14.924 7.23501C14.0971 5.9119 12.9769 4.81391 11.6394 4.06771L13.3536 2.35355ZM9.90428 4.38861C9.15332 4.1361 8.34759 4 7.5 4C4.80285 4 2.52952 5.37816 1.09622 7.50001C1.87284 8.6497 2.89609 9.58106 4.09974 10.1931L9.90428 4.38861ZM5.09572 10.6114L10.9003 4.80685C12.1039 5.41894 13.1272 6.35031 13.9038 7.50001C12.4705 9.62183 10.1971 11 7.5 11C6.65241 11 5.84668 10.8639 5.09572 10.6114Z';

function icon(path: string, className: string): string {
  return `<svg class="${className}" viewBox="0 0 15 15" width="15" height="15" fill="none" aria-hidden="true"><path d="${path}" fill="currentColor" fill-rule="evenodd" clip-rule="evenodd"></path></svg>`;
}

/** The critical styles: everything the pre-rendered page needs, scoped to it. */
export const BOOT_CSS = `
#${BOOT_IDS.root}{display:none}
html[${BOOT_ACTIVE_ATTRIBUTE}] body{margin:0}
html[${BOOT_ACTIVE_ATTRIBUTE}] #${BOOT_IDS.root}{display:block}
#${BOOT_IDS.root}{min-height:100vh;min-height:100dvh;background:#f8f9fa;color:#000;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans","DejaVu Sans",Arial,sans-serif;font-size:16px;line-height:1.55;-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
#${BOOT_IDS.root} *,#${BOOT_IDS.root} *::before,#${BOOT_IDS.root} *::after{box-sizing:border-box}
.sib-top{display:flex;justify-content:flex-end;padding:16px}
.sib-lang{display:inline-flex;position:relative;background:#f1f3f5;border-radius:8px;padding:4px}
.sib-lang input{position:absolute;opacity:0;width:1px;height:1px;margin:0;pointer-events:none}
.sib-lang label{display:block;font-size:14px;line-height:21.7px;font-weight:500;padding:3px 10px;border-radius:8px;color:#495057;cursor:pointer;user-select:none;-webkit-tap-highlight-color:transparent}
.sib-lang input:checked+label{background:#fff;color:#000;box-shadow:0 1px 3px rgba(0,0,0,.05),0 1px 2px rgba(0,0,0,.1)}
.sib-lang input:focus-visible+label{outline:2px solid #1971c2;outline-offset:2px}
.sib-center{display:flex;justify-content:center;padding:0 16px 32px}
.sib-stack{display:flex;flex-direction:column;gap:20px;width:100%;max-width:420px}
.sib-head{display:flex;flex-direction:column;align-items:center;gap:4px}
#${BOOT_IDS.root} h1,#${BOOT_IDS.root} h2,#${BOOT_IDS.root} p{margin:0}
#${BOOT_IDS.root} h1{font-size:34px;line-height:1.3;font-weight:650;color:#1971c2}
.sib-tagline{color:#5f666d;text-align:center}
.sib-paper{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.05),rgba(0,0,0,.05) 0 10px 15px -5px,rgba(0,0,0,.04) 0 7px 7px -5px}
@media (min-width:48em){.sib-paper{padding:32px}}
#${BOOT_IDS.form}{display:flex;flex-direction:column;gap:16px}
#${BOOT_IDS.root} h2{font-size:22px;line-height:1.4;font-weight:650}
.sib-subtitle{font-size:14px;line-height:1.45;color:#5f666d}
.sib-field label{display:inline-block;font-size:14px;font-weight:500;cursor:default}
.sib-req{color:#fa5252}
.sib-input{position:relative}
#${BOOT_IDS.root} .sib-input input{display:block;width:100%;height:36px;margin:0;padding:0 12px;border:1px solid #ced4da;border-radius:8px;background:#fff;color:#000;font-family:inherit;font-size:14px;line-height:34px;outline:none;-webkit-appearance:none;appearance:none}
#${BOOT_IDS.root} .sib-input input::placeholder{color:#5f666d;opacity:1}
#${BOOT_IDS.root} .sib-input input:focus{border-color:#1971c2}
#${BOOT_IDS.root} .sib-input input[aria-invalid=true]{border-color:#fa5252;color:#fa5252}
#${BOOT_IDS.password}{padding-right:34px!important;font-size:16px!important}
#${BOOT_IDS.toggle}{position:absolute;top:5px;right:4px;width:26px;height:26px;display:flex;align-items:center;justify-content:center;padding:0;border:1px solid transparent;border-radius:8px;background:transparent;color:#495057;cursor:pointer}
#${BOOT_IDS.toggle}:hover{background:rgba(52,58,64,.12)}
#${BOOT_IDS.toggle} .sib-eye-off,#${BOOT_IDS.toggle}[aria-pressed=true] .sib-eye{display:none}
#${BOOT_IDS.toggle}[aria-pressed=true] .sib-eye-off{display:block}
.sib-error{font-size:12px;line-height:1.2;color:#c92a2a;margin-top:5px!important;overflow-wrap:break-word}
.sib-error[hidden]{display:none}
#${BOOT_IDS.submit}{display:block;width:100%;height:42px;margin:0;padding:0 22px;border:1px solid transparent;border-radius:8px;background:#1971c2;color:#fff;font-family:inherit;font-size:16px;line-height:1;font-weight:600;cursor:pointer;-webkit-tap-highlight-color:transparent;position:relative}
#${BOOT_IDS.submit}:hover{background:#1864ab}
#${BOOT_IDS.submit}:focus-visible{outline:2px solid #1971c2;outline-offset:2px}
#${BOOT_IDS.submit}:active{transform:translateY(1px)}
#${BOOT_IDS.submit}[aria-disabled=true]{cursor:progress}
#${BOOT_IDS.submit}[aria-disabled=true] span{color:transparent}
#${BOOT_IDS.submit}[aria-disabled=true]::after{content:"";position:absolute;left:50%;top:50%;width:18px;height:18px;margin:-9px 0 0 -9px;border:2px solid rgba(255,255,255,.4);border-top-color:#fff;border-radius:50%;animation:sib-spin .8s linear infinite}
@keyframes sib-spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){#${BOOT_IDS.submit}[aria-disabled=true]::after{animation-duration:2.4s}}
.sib-status{font-size:14px;line-height:1.45;color:#5f666d}
.sib-status:empty{display:none}
.sib-failed{font-size:14px;line-height:1.45;color:#c92a2a;font-weight:500}
.sib-failed[hidden]{display:none}
`
  .trim()
  .replace(/\n/g, '');

/** The pre-rendered page in `language` (Russian in index.html); `data-t*` name the texts. */
export function bootMarkup(texts: BootTexts, language: 'ru' | 'en' = 'ru'): string {
  const l = texts[language];
  const text = (key: BootKey) => `data-t="${key}">${escapeHtml(l[key])}`;
  const attr = (name: string, key: BootKey) =>
    `${name}="${escapeHtml(l[key])}" data-t-${name}="${key}"`;
  const radio = (value: 'ru' | 'en') => {
    const id = `${BOOT_IDS.languageName}-${value}`;
    return (
      `<input type="radio" name="${BOOT_IDS.languageName}" id="${id}" value="${value}"${value === language ? ' checked' : ''}>` +
      `<label for="${id}"><span ${attr('title', `language.${value}Full`)} ${text(`language.${value}`)}</span></label>`
    );
  };
  return [
    `<div id="${BOOT_IDS.root}">`,
    `<div class="sib-top"><div class="sib-lang" role="radiogroup" ${attr('aria-label', 'language.label')}>${radio('ru')}${radio('en')}</div></div>`,
    `<div class="sib-center"><div class="sib-stack">`,
    `<div class="sib-head"><h1 ${text('app.name')}</h1><p class="sib-tagline" ${text('app.tagline')}</p></div>`,
    `<div class="sib-paper">`,
    `<form id="${BOOT_IDS.form}" novalidate aria-labelledby="${BOOT_IDS.form}-title">`,
    `<div><h2 id="${BOOT_IDS.form}-title" ${text('signIn.title')}</h2><p class="sib-subtitle" ${text('signIn.subtitle')}</p></div>`,
    `<div class="sib-field"><label for="${BOOT_IDS.login}"><span ${text('signIn.login')}</span><span class="sib-req" aria-hidden="true"> *</span></label>`,
    `<div class="sib-input"><input id="${BOOT_IDS.login}" name="login" type="text" autocomplete="username" autocapitalize="none" autocorrect="off" spellcheck="false" required autofocus aria-invalid="false" ${attr('placeholder', 'signIn.loginPlaceholder')}></div>`,
    `<p class="sib-error" id="${BOOT_IDS.loginError}" hidden ${text('signIn.validation.loginRequired')}</p></div>`,
    `<div class="sib-field"><label for="${BOOT_IDS.password}"><span ${text('signIn.password')}</span><span class="sib-req" aria-hidden="true"> *</span></label>`,
    `<div class="sib-input"><input id="${BOOT_IDS.password}" name="password" type="password" autocomplete="current-password" required aria-invalid="false">`,
    `<button type="button" id="${BOOT_IDS.toggle}" aria-hidden="true" tabindex="-1" aria-pressed="false">${icon(EYE, 'sib-eye')}${icon(EYE_OFF, 'sib-eye-off')}</button></div>`,
    `<p class="sib-error" id="${BOOT_IDS.passwordError}" hidden ${text('signIn.validation.passwordRequired')}</p></div>`,
    `<button type="submit" id="${BOOT_IDS.submit}"><span ${text('signIn.submit')}</span></button>`,
    `<p class="sib-status" id="${BOOT_IDS.status}" role="status"></p>`,
    `<p class="sib-failed" id="${BOOT_IDS.failed}" role="alert" hidden ${text('signInBoot.appFailed')}</p>`,
    `</form></div></div></div></div>`,
  ].join('');
}

/** What vite.config.ts writes into index.html: styles and script in <head>, form in <body>. */
export function bootHead(scriptSrc: string): string {
  return `<style id="sign-in-boot-style">${BOOT_CSS}</style><script src="${scriptSrc}"></script>`;
}
