/** Public face of the scripted model server fixture; see server.ts for what it does. */
export { startScriptedModelServer } from './server';
export type {
  RecordedRequest,
  ScriptedFault,
  ScriptedModelServer,
  ScriptedModelServerOptions,
  ScriptedProtocol,
  ScriptedToolCall,
  ScriptedTurn,
} from './types';
