// What the CLI's launcher needs before anything else is loaded: the cache folder and the loader that
// compiles the CLI bundle with a V8 code cache kept there.
export { cacheFolder } from '../campaign/cacheLocation';
export { loadWithCodeCache } from '../io/codeCache';
