export * from './access';
export * from './admin';
export * from './backups';
