import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

test.describe('the audit trail in web mode', () => {
  test('a task’s approved command is in its Audit trail; the chain verifies, both exports download with it, and the project keeps it after the task is deleted', async ({ page, braid, repo, modelServer: server }) => {
    server.enqueue({ text: 'Running the tests.', toolCalls: [{ id: 'call_tests', name: 'run_command', args: { command: 'echo audited-run' } }] }, { text: 'All done.' });
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Audited', 'Run the tests');

    const taskButton = page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Audited', exact: true });
    await expect(taskButton).toHaveAccessibleDescription('needs approval');
    await taskButton.click();
    const view = page.getByRole('main', { name: 'Audited' });
    await view.getByRole('article', { name: 'Approval needed: run_command' }).getByRole('button', { name: 'Approve' }).click();
    await expect(taskButton).toHaveAccessibleDescription('done');

    await view.getByText('Audit trail', { exact: true }).click();
    const audit = view.getByRole('region', { name: 'Audit trail' });
    const entries = audit.getByRole('list', { name: 'Audit entries' });
    await expect(entries).toContainText('Run finished');
    await expect(entries).toContainText('run_command approved by user');
    await expect(entries).toContainText('run_command → ok');
    await expect(entries).toContainText('Approval asked for run_command: Accept edits asks before commands other than mkdir, touch, mv and cp inside the workspace. (rule: accept edits asks for commands)');

    await audit.getByRole('button', { name: 'Verify chain' }).click();
    await expect(audit.getByRole('status')).toHaveText(/^Chain verified: \d+ entries intact/);

    const jsonlDownload = page.waitForEvent('download');
    await audit.getByRole('button', { name: 'Export JSONL' }).click();
    const jsonl = await jsonlDownload;
    expect(jsonl.suggestedFilename()).toMatch(/^braid-audit-.*-task-audited-\d{8}-\d{6}\.jsonl$/);
    const lines = readFileSync(await jsonl.path(), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; payload: Record<string, unknown>; hash: string });
    const call = lines.find((line) => line.type === 'tool.call');
    expect(call?.payload).toMatchObject({ callId: 'call_tests', name: 'run_command', outcome: 'ok' });
    expect(call?.hash).toMatch(/^[0-9a-f]{64}$/);

    const markdownDownload = page.waitForEvent('download');
    await audit.getByRole('button', { name: 'Export Markdown' }).click();
    const markdown = readFileSync(await (await markdownDownload).path(), 'utf8');
    expect(markdown).toContain('Scope: task “Audited”');
    expect(markdown).toContain('Chain of the project: **verified**');
    expect(markdown).toMatch(/\| agent \| tool\.call \| run_command → ok in \d+ ms/);

    // The entries outlive the task: the project's trail still has them, and its deletion.
    await view.getByRole('button', { name: 'Delete task' }).click();
    await expect(taskButton).toBeHidden();
    const overview = page.getByRole('main', { name: projectName });
    await overview.getByText('Audit trail of the project', { exact: true }).click();
    const projectEntries = overview.getByRole('region', { name: 'Audit trail' }).getByRole('list', { name: 'Audit entries' });
    await expect(projectEntries).toContainText('Task “Audited” deleted');
    await expect(projectEntries).toContainText('run_command → ok');
  });
});
