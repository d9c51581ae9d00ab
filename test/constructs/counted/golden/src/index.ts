export * from './types';
export * as xml from './xml';
export { documents } from './xml';
