import { loadPage as loadSamplePage, type Page } from '@wsbridge/app-kit/page'

export { pageResponse, servePage, type Page } from '@wsbridge/app-kit/page'

/** The chat's page (public/ and the bundled src/client/main.ts), its title naming the instance if any. */
export function loadPage(instance: string | undefined): Promise<Page> {
  return loadSamplePage(new URL('../../', import.meta.url), {
    assets: ['style.css', 'favicon.svg'],
    html: (html) => (instance ? html.replace('<title>wsbridge chat', `<title>wsbridge chat (${escapeHtml(instance)})`) : html),
  })
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
