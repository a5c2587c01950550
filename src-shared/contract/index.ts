export * from './api';
export * from './domain';
export * from './events';
export * from './methods';
export * from './result';
export * from './wire';
