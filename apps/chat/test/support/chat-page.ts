import { expect } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'

/** Opens the chat page as `token` and waits until the server confirmed the room join. */
export async function openChat(context: BrowserContext, baseUrl: string, token: string, room: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${baseUrl}/?token=${token}&room=${room}`)
  await page.locator('#room-name', { hasText: `#${room}` }).waitFor()
  await waitForState(page, 'open')
  return page
}

export async function waitForState(page: Page, state: string): Promise<void> {
  await page.locator(`#status[data-state="${state}"]`).waitFor({ timeout: 20_000 })
}

export async function say(page: Page, text: string): Promise<void> {
  await page.locator('#text').fill(text)
  await page.locator('#composer button').click()
}

/** Polls a list's item texts until they equal `expected` (playwright-core has no expect of its own). */
export async function expectItems(list: Locator, expected: readonly string[]): Promise<void> {
  await expect.poll(() => list.allInnerTexts(), { timeout: 10_000 }).toEqual(expected)
}

export async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  await expect.poll(() => locator.innerText(), { timeout: 10_000 }).toMatch(expected)
}
