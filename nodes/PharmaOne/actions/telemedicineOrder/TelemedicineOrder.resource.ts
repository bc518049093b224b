import type { ResourceOperations } from '../types';
import { create } from './create.operation';

/** The operations of this resource, each under the name saved in workflows (the Operation value). */
export const telemedicineOrderOperations = { create } satisfies ResourceOperations;
