export * from './dist/names';
