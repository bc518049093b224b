import type { ResourceOperations } from '../types';
import { addToInventory } from './addToInventory.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

/** The operations of this resource, each under the name saved in workflows (the Operation value). */
export const productOperations = { addToInventory, get, getAll, update } satisfies ResourceOperations;
