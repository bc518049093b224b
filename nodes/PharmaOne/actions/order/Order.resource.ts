import type { ResourceOperations } from '../types';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';
import { updateStatus } from './updateStatus.operation';
import { upsert } from './upsert.operation';

/** The operations of this resource, each under the name saved in workflows (the Operation value). */
export const orderOperations = { get, getAll, upsert, update, updateStatus } satisfies ResourceOperations;
