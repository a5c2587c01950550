import { expect, test } from './fixtures/braid-test';

test.describe('Settings → Models in web mode', () => {
  test.use({ modelServerOptions: { apiKey: 'sk-secret-e2e-key', models: ['local-coder'] } });
  test.beforeEach(({ modelServer }) => modelServer.script(() => ({ text: 'pong' })));

  test('add an endpoint, see a bad key named, save a key that never comes back, connect', async ({ page, braid, modelServer: server }) => {
    const host = await braid.start();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByRole('tab', { name: 'Models' })).toBeVisible();

    await settings.getByRole('button', { name: 'Add endpoint' }).click();
    const form = settings.getByRole('form', { name: 'Add endpoint' });
    await form.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Custom' });
    await form.getByRole('textbox', { name: 'Endpoint id' }).fill('scripted');
    await form.getByRole('textbox', { name: 'Label' }).fill('Scripted server');
    await form.getByRole('textbox', { name: 'Base URL' }).fill(server.openaiBaseURL);
    await form.getByRole('textbox', { name: 'Model ids' }).fill('local-coder');
    await form.getByRole('button', { name: 'Save endpoint' }).click();

    const card = settings.getByRole('region', { name: 'Scripted server' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    // No key yet: the server's 401 is named as an authentication failure.
    await expect(card.getByRole('alert')).toContainText(/key|auth|401/i);

    await card.getByLabel('API key').fill('sk-secret-e2e-key');
    await card.getByRole('button', { name: 'Save key' }).click();
    await expect(card.getByText('Key saved in Braid', { exact: true })).toBeVisible();
    await expect(card.getByLabel('API key')).toHaveValue('');
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Connected' })).toContainText('local-coder');

    // The key is nowhere in the page, and a reload does not bring it back either.
    expect(await page.content()).not.toContain('sk-secret-e2e-key');
    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Scripted server' }).getByText('Key saved in Braid', { exact: true })).toBeVisible();
    expect(await page.content()).not.toContain('sk-secret-e2e-key');
  });
});
