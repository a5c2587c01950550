export * from './agent';
export * from './api';
export * from './domain';
export * from './events';
export * from './methods';
export * from './result';
export * from './wire';
export * from './settings';
