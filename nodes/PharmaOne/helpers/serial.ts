/**
 * The store locks live with the package's other process memories in `shared/processMemory.ts`;
 * this name stays for the Set Stock Level operation, which imports it from here.
 */
export { serially } from '../../shared/processMemory';
