import { describe, expect, it } from 'vitest';
import type { SlashCommand } from '../../../src-shared/contract';
import { completedText, filterCommands, menuQuery } from './slash-menu';

const command = (name: string, description = '', source: SlashCommand['source'] = 'project'): SlashCommand => ({ name, description, argumentHint: null, source, origin: null, allowedTools: [], model: null });

describe('the / menu', () => {
  it.each([
    ['/', ''],
    ['/pl', 'pl'],
    ['/frontend:co', 'frontend:co'],
    ['/plan ', null],
    ['/plan a goal', null],
    ['//not a command', null],
    ['plain text', null],
    ['', null],
  ])('%j filters by %j', (text, query) => {
    expect(menuQuery(text)).toBe(query);
  });

  it('ranks name prefixes, then segment prefixes, then substrings, then descriptions', () => {
    const commands = [
      command('help', 'List the commands', 'built-in'),
      command('compact', 'Summarise the conversation', 'built-in'),
      command('frontend:component', 'Create a React component'),
      command('mcp__github__compare', 'Compare two refs', 'mcp'),
      command('recompute'),
      command('deploy', 'Deploy a component library'),
    ];
    expect(filterCommands(commands, 'comp').map((found) => found.name)).toEqual(['compact', 'frontend:component', 'mcp__github__compare', 'recompute', 'deploy']);
    expect(filterCommands(commands, 'HELP').map((found) => found.name)).toEqual(['help']);
    expect(filterCommands(commands, '').map((found) => found.name)).toEqual(commands.map((found) => found.name));
    expect(filterCommands(commands, 'zzz')).toEqual([]);
  });

  it('completes a chosen command with a space for its arguments', () => {
    expect(completedText(command('frontend:component'))).toBe('/frontend:component ');
  });
});
