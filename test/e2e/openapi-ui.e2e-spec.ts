import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pascal } from '../../src/openapi/names';
import { recordsFixture } from '../fixtures/records-schema';
import { bearer, createApp, createRecords } from '../helpers/accounts';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';

/** Debian's chromium, headless, isolated from the network services a desktop profile would call. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('Swagger UI in headless Chromium', () => {
  let t: TestApp;
  let svc: DataServiceHandle;
  let apiKey: string;
  let base: string;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = bearer(await adminToken(t));
    svc = await createDataService(t, admin, 'sqlite', recordsFixture('sqlite'));
    // A guest app: its key alone carries a default role that may read the service's tables.
    const [serviceId] = ((await t.http.get(`/api/v2/system/service?filter=name="${svc.name}"&fields=id`).set(admin).expect(200)).body as { resource: { id: number }[] }).resource.map((s) => s.id);
    const [role] = await createRecords(t, admin, 'role', [{ name: 'docs-reader', role_service_access_by_role_id: [{ service_id: serviceId, component: '_table/*', verb_mask: 1 }] }]);
    apiKey = (await createApp(t, admin, { name: 'docs-ui', role_id: role })).apiKey;
    // The browser fetches the documents over HTTP: the app listens on a free port.
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    profile = mkdtempSync(join(tmpdir(), 'isr-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await t?.close();
    await svc?.drop();
  });

  const documents = () => page.locator('.topbar select option').allTextContents();

  it('loads the fixed document, without any service document for anonymous visitors', async () => {
    await page.goto(`${base}/api/docs`);
    await page.locator('.info .title', { hasText: 'Instant SQL REST API' }).waitFor();
    expect(await documents()).toEqual(['Instant SQL REST API']);
    await page.locator('.opblock-tag', { hasText: 'api_docs' }).first().waitFor();
  }, 30_000);

  it('lists the documents the API key\'s role may read once the Authorize dialog holds the key', async () => {
    await page.locator('button.authorize').first().click();
    const section = page.locator('.auth-container', { hasText: 'ApiKeyHeader' });
    await section.locator('input').fill(apiKey);
    await section.locator('button.authorize').click();
    await section.locator('button', { hasText: 'Logout' }).waitFor();
    await page.locator('.modal-ux button.btn-done').first().click();
    await page.locator('.topbar select option', { hasText: svc.name }).waitFor({ state: 'attached' });
    expect(await documents()).toEqual(['Instant SQL REST API', 'All services', svc.name]);
  }, 30_000);

  it('loads the service\'s document and runs "Try it out" on a table\'s GET with the API key', async () => {
    await page.locator('.topbar select').selectOption({ label: svc.name });
    const operation = page.locator(`#operations-${svc.name}-get${pascal(svc.name)}ContactRecords`);
    await operation.waitFor();
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const response = operation.locator('.live-responses-table tbody .response');
    await response.waitFor();
    expect((await response.locator('.response-col_status').textContent())?.trim()).toBe('200');
    expect(await response.locator('.response-col_description').textContent()).toContain('"first_name": "Jo"');
  }, 30_000);
});
