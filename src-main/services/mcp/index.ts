/** The user's MCP servers: config files, trust, switches (catalog) and running them (hub). */
export { McpHub, qualifiedToolName, MCP_TOOL_PREFIX, type McpHubOptions } from './hub';
export { serverKey } from './connection';
export * from './hub-types';
export { McpServerCatalog, type McpServerEntry, type ProjectRef, type ServerRef } from './server-catalog';
export { ProjectTrust } from './project-trust';
export { readProjectMcpConfig, projectConfigFiles, type ProjectConfigFile, type ProjectConfigProblem, type ProjectMcpConfig, type ProjectServer } from './project-config';
export { configHash, isStdioConfig, mcpServerConfigSchema, parseServerConfig, serverNameSchema, type McpServerConfig, type RemoteServerConfig, type StdioServerConfig } from './server-config';
export { expandServerConfig, expandVariables, type Environment } from './variable-expansion';
export { createMemorySettings, type McpSettingsStore } from './settings-store';
export { createMcpService, type McpService, type McpServiceOptions, type McpServerListing } from './mcp-service';
