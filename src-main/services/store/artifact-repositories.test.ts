import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src-shared/contract';
import { tempFolder } from '../testing/temp-folders';
import { openStore, type Store } from './store';

function storeWithTasks(): Store {
  const store = openStore(tempFolder());
  store.projects.insert({ id: 'proj000001', name: 'app', path: '/code/app', defaultBranch: 'main', createdAt: 1 });
  for (const [id, path] of [['work000001', '/wt/a'], ['work000002', '/wt/b']] as const) {
    store.workspaces.insert({ id, projectId: 'proj000001', path, branch: `braid/${id}`, baseBranch: 'main', baseCommit: null, state: 'ready', stateReason: null, branchExists: true, createdAt: 2 });
  }
  store.pipelines.insert({ id: 'pipe000001', projectId: 'proj000001', title: 'Nav', goal: 'Simpler navigation', models: { plan: 'anthropic:claude-sonnet-4-5', implement: null, review: null }, createdAt: 3 });
  store.tasks.insert({ id: 'plan000001', projectId: 'proj000001', workspaceId: 'work000001', title: 'Plan', prompt: 'goal', role: 'plan', createdAt: 4, pipelineId: 'pipe000001' });
  store.tasks.insert({
    id: 'impl000001',
    projectId: 'proj000001',
    workspaceId: 'work000002',
    title: 'Implement',
    prompt: '',
    role: 'implement',
    createdAt: 5,
    pipelineId: 'pipe000001',
    planPin: { planTaskId: 'plan000001', version: 2, stepIds: ['S1', 'S2'] },
  });
  store.tasks.insert({ id: 'revw000001', projectId: 'proj000001', workspaceId: 'work000002', title: 'Review', prompt: '', role: 'review', createdAt: 6, pipelineId: 'pipe000001', reviewedTaskId: 'impl000001' });
  return store;
}

const plan = (title: string): Plan => ({
  title,
  summary: 'Group the items.',
  context: '',
  assumptions: [],
  steps: [{ id: 'S1', title: 'Group', detail: '', files: ['src/nav.ts'], dependsOn: [] }],
  constraints: [],
  acceptanceCriteria: [{ id: 'AC1', text: 'Three groups', verify: 'manual' }],
  risks: [],
  openQuestions: [],
});

describe('the artifact repositories', () => {
  it('links tasks to their pipeline, plan pin and reviewed task', () => {
    const store = storeWithTasks();
    expect(store.tasks.get('impl000001')).toMatchObject({ pipelineId: 'pipe000001', planPin: { planTaskId: 'plan000001', version: 2, stepIds: ['S1', 'S2'] } });
    expect(store.tasks.listByPipeline('pipe000001').map((task) => task.id)).toEqual(['plan000001', 'impl000001', 'revw000001']);
    expect(store.tasks.listReviewsOf('impl000001').map((task) => task.id)).toEqual(['revw000001']);
    expect(store.pipelines.listByProject('proj000001')[0]?.models.plan).toBe('anthropic:claude-sonnet-4-5');
    // A deleted pipeline leaves its tasks, unlinked.
    store.pipelines.remove('pipe000001');
    expect(store.tasks.get('plan000001')?.pipelineId).toBeNull();
    store.close();
  });

  it('numbers plan versions, supersedes the one still waiting, and records decisions', () => {
    const store = storeWithTasks();
    const base = { taskId: 'plan000001', author: 'agent' as const, markdown: '# x', contentHash: 'h', decision: null, createdAt: 7 };
    expect(store.plans.addVersion({ ...base, plan: plan('v1'), status: 'proposed' })).toBe(1);
    expect(store.plans.addVersion({ ...base, plan: plan('v2'), status: 'proposed' })).toBe(2);
    expect(store.plans.list('plan000001').map((version) => version.status)).toEqual(['superseded', 'proposed']);
    store.plans.decide('plan000001', 2, 'approved', { kind: 'approved', at: 8, message: null, comments: [] });
    expect(store.plans.latest('plan000001')).toMatchObject({ version: 2, status: 'approved', plan: { title: 'v2' }, decision: { kind: 'approved' } });
    // A decided version stays as decided when a newer one arrives.
    store.plans.addVersion({ ...base, plan: plan('v3'), status: 'proposed' });
    expect(store.plans.get('plan000001', 2)?.status).toBe('approved');
    store.close();
  });

  it('keeps step progress per implement task, in step order', () => {
    const store = storeWithTasks();
    for (const stepId of ['S10', 'S2', 'S1']) store.plans.setStepProgress({ taskId: 'impl000001', stepId, status: 'pending', note: null, updatedAt: 1 });
    store.plans.setStepProgress({ taskId: 'impl000001', stepId: 'S2', status: 'done', note: 'grouped', updatedAt: 2 });
    expect(store.plans.progress('impl000001').map((step) => `${step.stepId}:${step.status}`)).toEqual(['S1:pending', 'S2:done', 'S10:pending']);
    store.close();
  });

  it('stores review reports with their findings and tracks each finding', () => {
    const store = storeWithTasks();
    const finding = {
      id: 'find000001',
      reviewTaskId: 'revw000001',
      reviewedTaskId: 'impl000001',
      title: 'Handle the empty list',
      priority: 'P1' as const,
      confidence: 0.8,
      path: 'src/nav.ts',
      lineStart: 4,
      lineEnd: 6,
      body: 'An empty list renders nothing.',
      criterion: 'AC1',
      suggestedFix: null,
      anchorText: 'items.map(',
      status: 'open' as const,
      statusReason: null,
      createdAt: 9,
      updatedAt: 9,
    };
    const report = { taskId: 'revw000001', reviewedTaskId: 'impl000001', headCommit: 'a'.repeat(40), verdict: 'incorrect' as const, explanation: 'One bug.', confidence: 0.7, resolved: [], createdAt: 9 };
    expect(store.reviewReports.addReport(report, [finding, { ...finding, id: 'find000002', priority: 'P0', lineStart: null, lineEnd: null }])).toBe(1);
    expect(store.reviewReports.findingsFor('impl000001').map((item) => item.priority)).toEqual(['P0', 'P1']);
    store.reviewReports.setFindingStatus('find000001', 'dismissed', 'Intended', 10);
    expect(store.reviewReports.finding('find000001')).toMatchObject({ status: 'dismissed', statusReason: 'Intended', version: 1, anchorText: 'items.map(' });
    expect(store.reviewReports.addReport({ ...report, verdict: 'correct', resolved: [{ findingId: 'find000002', fixed: true, note: null }] }, [])).toBe(2);
    expect(store.reviewReports.reportsFor('impl000001').map((item) => `${item.version}:${item.verdict}`)).toEqual(['1:incorrect', '2:correct']);
    // The review task goes: its reports and findings go with it.
    store.tasks.remove('revw000001');
    expect(store.reviewReports.findingsFor('impl000001')).toEqual([]);
    store.close();
  });

  it('appends audit entries in order, never twice at one seq, and keeps them when their task goes', () => {
    const store = storeWithTasks();
    const entry = (seq: number) => ({ projectId: 'proj000001', seq, at: seq, actor: 'user', type: 'task.created', taskId: 'plan000001', pipelineId: 'pipe000001', payloadJson: '{}', prevHash: String(seq - 1), hash: String(seq) });
    store.audit.append([entry(1), entry(2), entry(3)]);
    expect(() => store.audit.append([entry(4), entry(3)])).toThrow(/UNIQUE|PRIMARY/);
    expect(store.audit.last('proj000001')?.seq).toBe(3);
    expect(store.audit.page('proj000001', 3, 10).map((item) => item.seq)).toEqual([2, 1]);
    store.tasks.remove('plan000001');
    expect(store.audit.ofTask('proj000001', 'plan000001')).toHaveLength(3);
    store.close();
  });
});
