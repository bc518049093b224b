import type { ResourceOperations } from '../types';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

/** The operations of this resource, each under the name saved in workflows (the Operation value). */
export const prescriptionOperations = { get, getAll, create } satisfies ResourceOperations;
