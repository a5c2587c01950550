// Types for supported-node.mjs, which stays plain JavaScript so that old Nodes can run it.
export const minimumNode: string;
export const minimumNodeApi: number;
export const fetchedMajor: number;
export interface SupportedNode {
  execPath: string;
  binDir: string;
  headersDir: string | null;
  version: string;
  fetched: boolean;
}
export function isAtLeast(version: string, minimum?: string): boolean;
export function isSupported(version: string, nodeApi: string | number | undefined): boolean;
export function nodePackageFor(platform?: string, arch?: string): { name: string; binary: string } | null;
export function defaultCacheDir(env?: NodeJS.ProcessEnv): string;
export class NodeBootstrapError extends Error {}
export function ensureSupportedNode(options?: {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  currentVersion?: string;
  currentNodeApi?: string;
  platform?: string;
  arch?: string;
  cacheDir?: string;
}): SupportedNode;
export function supportedNodeOrExit(options?: Parameters<typeof ensureSupportedNode>[0]): SupportedNode;
export function npmFailureReason(text: string): string;
export function environmentFor(runtime: SupportedNode, env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
