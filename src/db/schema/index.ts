export * from './access';
export * from './admin';
export * from './auth';
export * from './backups';
export * from './monitor';
export * from './notify';
export * from './ui';
