import { loadPage as loadSamplePage, type Page } from '@wsbridge/app-kit/page'

export { pageOrNotFound, servePage, type Page } from '@wsbridge/app-kit/page'

/** The game's page: public/ and src/client/main.ts (the wsbridge client and the routes' *types* only), bundled. */
export const loadPage = (): Promise<Page> => loadSamplePage(new URL('../../', import.meta.url))
