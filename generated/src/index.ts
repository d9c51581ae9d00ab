export * from './types';
export * from './operations';
export * as xml from './xml';
