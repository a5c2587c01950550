import { basename } from 'node:path';
import { expect, test } from '@playwright/test';
import { createRepo, makeTempDir, type FixtureRepo } from '../src-main/testing/git-fixtures';
import { startScriptedModelServer, type ScriptedModelServer } from '../src-main/testing/scripted-model-server';
import { scriptedModelEnv, startWebHost, type RunningWebHost } from './fixtures/web-host';
import { addProject, createTask } from './fixtures/ui-steps';

/** Every turn the agent runs the same command once, then says it is done. */
function scriptSameCommandEachTurn(server: ScriptedModelServer): void {
  server.script((request) => {
    const body = request.body as { messages: { role: string }[] };
    const last = body.messages.at(-1);
    if (last?.role === 'tool') return { text: 'Done.', chunkDelayMs: 2 };
    return { text: 'Running it.', toolCalls: [{ name: 'run_command', args: { command: 'echo hello-permissions >> greetings.txt' } }] };
  });
}

test.describe('permissions in web mode', () => {
  let server: ScriptedModelServer;
  let host: RunningWebHost | undefined;
  let repo: FixtureRepo;

  test.beforeEach(async () => {
    server = await startScriptedModelServer({ apiKey: 'sk-e2e' });
    scriptSameCommandEachTurn(server);
    repo = createRepo();
  });

  test.afterEach(async () => {
    await host?.stop();
    host = undefined;
    await server.close();
  });

  test('"Always allow in this project" saves the edited rule; the next identical command runs without asking and names the rule', async ({ page }) => {
    host = await startWebHost({ dataDir: makeTempDir('braid-e2e-permissions-'), env: scriptedModelEnv(server) });
    await page.goto(host.url);
    await addProject(page, repo.path);
    const projectName = basename(repo.path);
    await createTask(page, projectName, 'Greet', 'Add a greeting');

    const task = page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: 'Greet' });
    await expect(task).toHaveAccessibleDescription('needs approval');
    // The task's badge shows its mode: Braid's default for implement tasks, accept edits (commands still ask).
    await expect(task).toContainText('Accept edits');
    const view = page.getByRole('main', { name: 'Greet' });
    const firstCall = view.getByRole('article', { name: 'run_command call' }).first();
    const card = firstCall.getByRole('article', { name: 'Approval needed: run_command' });
    await expect(card).toContainText('Asked by accept edits asks for commands (Braid)');

    await card.getByRole('button', { name: 'Always allow in this project' }).click();
    const rule = card.getByRole('textbox', { name: 'Rule to save for this project' });
    // The rule it will save is shown and editable before saving.
    await expect(rule).toHaveValue('Bash(echo hello-permissions *)');
    await rule.fill('Bash(npm test)');
    await card.getByRole('button', { name: 'Save rule and approve' }).click();
    // Not one that covers the call: refused where the user acted, nothing decided.
    await expect(card.getByRole('alert')).toContainText('does not allow this call');
    await rule.fill('Bash(echo hello-permissions *)');
    await card.getByRole('button', { name: 'Save rule and approve' }).click();
    await expect(firstCall.getByRole('region', { name: 'Approval: run_command' })).toHaveText('Approved; always allowed in this project by Bash(echo hello-permissions *)');
    await expect(task).toHaveAccessibleDescription('done');

    // The same command in the next turn runs at once, and its card names the rule that allowed it.
    await view.getByRole('textbox', { name: 'Message' }).fill('Once more, please');
    await view.getByRole('button', { name: 'Send' }).click();
    const secondCall = view.getByRole('article', { name: 'run_command call' }).nth(1);
    await expect(secondCall).toContainText('Allowed by Bash(echo hello-permissions *) (Braid settings, this project)');
    await expect(secondCall).toContainText('done');
    await expect(task).toHaveAccessibleDescription('done');
    await expect(view.getByRole('article', { name: /Approval needed/ })).toHaveCount(0);

    // Settings → Permissions lists the rule with its source; "try a command" says which rule decides and why.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Permissions' }).click();
    await expect(settings.getByRole('textbox', { name: 'Allow rules (Braid settings (this project))' })).toHaveValue('Bash(echo hello-permissions *)');
    const tryBox = settings.getByRole('form', { name: 'Try a command' });
    await tryBox.getByRole('textbox', { name: 'Try a command' }).fill('echo hello-permissions && sudo rm -rf /');
    await tryBox.getByRole('button', { name: 'Check' }).click();
    const verdict = tryBox.getByRole('status', { name: 'Verdict' });
    await expect(verdict).toContainText('Denied');
    await expect(verdict).toContainText('hard deny: privilege');
    await expect(verdict.getByRole('list', { name: 'Parts' })).toContainText('Allowed by Bash(echo hello-permissions *)');
    await settings.getByRole('button', { name: 'Close' }).click();

    // The picker sets the task's mode, and Shift+Tab in the message box cycles it; the badge follows.
    await view.getByRole('combobox', { name: 'Permission mode' }).selectOption('ask');
    await expect(task).toContainText('Ask');
    await view.getByRole('textbox', { name: 'Message' }).focus();
    await page.keyboard.press('Shift+Tab');
    await expect(task).toContainText('Accept edits');
    await expect(view.getByRole('combobox', { name: 'Permission mode' })).toHaveValue('acceptEdits');
  });
});
