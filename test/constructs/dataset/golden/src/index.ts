export * from './types';
export * from './operations';
export * from './client';
export * as xml from './xml';
